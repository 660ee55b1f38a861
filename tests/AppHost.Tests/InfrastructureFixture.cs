using CustomerPlatform.AppHost.Hosting;

namespace CustomerPlatform.AppHost.Tests;

/// <summary>One testing application with PostgreSQL (and a database), RabbitMQ and MailDev, shared by the tests that only read it.</summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    public DistributedApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddPostgres("postgres").AddDatabase("ordersdb");
        builder.AddRabbitMQ("messaging");
        builder.AddMailDev("mail");
        App = builder.Build();
        await App.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await Task.WhenAll(
            App.WaitForResourceHealthyAsync("ordersdb", timeout.Token),
            App.WaitForResourceHealthyAsync("messaging", timeout.Token),
            App.WaitForResourceHealthyAsync("mail", timeout.Token));
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
