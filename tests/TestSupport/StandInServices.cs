using CustomerPlatform.Contracts;
using CustomerPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CustomerPlatform.TestSupport;

/// <summary>
/// A host standing for the other services, on the same broker as the service under test: tests publish
/// through its <see cref="Bus"/> as those services would, and it records what the service publishes into
/// an <see cref="EventRecorder"/> on a queue of its own (<c>{name}-recorder</c>).
/// </summary>
public sealed class StandInServices : IAsyncDisposable
{
    private readonly IHost _host;

    private StandInServices(IHost host) => _host = host;

    public IBus Bus => _host.Services.GetRequiredService<IBus>();

    /// <summary>Started and its queue bound when this returns: start it before anything is published.</summary>
    public static async Task<StandInServices> StartAsync(string name, IReadOnlyDictionary<string, string?> settings, EventRecorder recorder)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = name });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        builder.AddRabbitMqMessaging(ResourceNames.Messaging, configureBus: (_, rabbit) =>
            rabbit.ReceiveEndpoint($"{name}-recorder", recorder.ConfigureEndpoint));
        var host = builder.Build();
        await host.StartAsync();
        return new StandInServices(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
