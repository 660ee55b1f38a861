using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.TestSupport;

/// <summary>
/// A service in-process, exactly as its Program.cs builds it, with <paramref name="settings"/> (the
/// fixture's real servers among them). Only the caller's identity is swapped for <see cref="TestAuthHandler"/>.
/// <typeparamref name="TEntryPoint"/> is any type of the service's assembly.
/// </summary>
public class ServiceFactory<TEntryPoint>(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    /// <summary>A client signed in as <paramref name="user"/> in <paramref name="roles"/> (see <see cref="TestAuthHandler"/>).</summary>
    public HttpClient CreateClient(Guid user, params string[] roles) => CreateClient().SignedInAs(user, roles);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);

        builder.ConfigureTestServices(services =>
        {
            services.AddTestAuthentication();
            services.AddSingleton<IStartupFilter, LoopbackPeer>();

            // The first test publishes at once: the service's queues must be bound before it starts.
            services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        });
    }
}
