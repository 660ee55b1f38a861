extern alias AppHost;

using AppHost::CustomerPlatform.AppHost.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPlatform.Identity.Tests;

/// <summary>
/// Real PostgreSQL and RabbitMQ from the AppHost's resource code, the Identity service hosted
/// in-process on them, and a recorder of what it publishes. Each test uses its own addresses and
/// its own client IP, so tests do not meet in each other's data or rate-limit counters.
/// </summary>
public sealed class IdentityFixture : IAsyncLifetime
{
    private DistributedApplication _servers = null!;
    private int _nextIp;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);
    public IdentityApp App { get; private set; } = null!;
    public MessageRecorder Messages { get; private set; } = null!;
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Identity:Issuer"] = IdentityApp.Origin,
        ["Identity:AppOrigin"] = "http://app.test",
        ["Identity:RateLimits:SignUp:PerIp"] = "5",
        ["Identity:RateLimits:SignUp:PerEmail"] = "3",
        ["Identity:RateLimits:SignUp:Window"] = "01:00:00",
        ["Identity:RateLimits:SignIn:PerIp"] = "30",
        ["Identity:RateLimits:SignIn:PerEmail"] = "10",
        ["Identity:RateLimits:SignIn:Window"] = "00:15:00",
        ["Identity:RateLimits:ResendVerification:PerIp"] = "5",
        ["Identity:RateLimits:ResendVerification:PerEmail"] = "3",
        ["Identity:RateLimits:ResendVerification:Window"] = "01:00:00",
        ["Identity:RateLimits:ForgotPassword:PerIp"] = "5",
        ["Identity:RateLimits:ForgotPassword:PerEmail"] = "3",
        ["Identity:RateLimits:ForgotPassword:Window"] = "01:00:00",
    };

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddPostgres(ResourceNames.Postgres).AddDatabase(ResourceNames.Databases.Identity);
        builder.AddRabbitMQ(ResourceNames.Messaging);
        _servers = builder.Build();
        await _servers.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await Task.WhenAll(
            _servers.WaitForResourceHealthyAsync(ResourceNames.Databases.Identity, timeout.Token),
            _servers.WaitForResourceHealthyAsync(ResourceNames.Messaging, timeout.Token));

        var amqp = await _servers.GetConnectionStringAsync(ResourceNames.Messaging);
        Settings[$"ConnectionStrings:{ResourceNames.Databases.Identity}"] = await _servers.GetConnectionStringAsync(ResourceNames.Databases.Identity);
        Settings[$"ConnectionStrings:{ResourceNames.Messaging}"] = amqp;

        // Bound before Identity publishes anything.
        Messages = await MessageRecorder.StartAsync(new Uri(amqp!));
        App = StartApp();
    }

    /// <summary>Another Identity on the same database and broker: a second replica, or the first one restarted.</summary>
    public IdentityApp StartApp(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
            settings[key] = value;
        var app = new IdentityApp(settings, Time);
        app.CreateClient("127.0.0.1").Dispose(); // starts the host: migrations, keys and seeding run now
        return app;
    }

    /// <summary>A client with an address no other test uses (so rate limits count this test alone).</summary>
    public HttpClient NewClient(IdentityApp? app = null) =>
        (app ?? App).CreateClient($"10.{(Interlocked.Increment(ref _nextIp) >> 8) & 255}.{_nextIp & 255}.7");

    public static string NewEmail(string who = "customer") => $"{who}.{Guid.NewGuid():N}@example.com";

    public async Task<T> InDatabaseAsync<T>(Func<IdentityDbContext, Task<T>> query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<IdentityDbContext>());
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
            await App.DisposeAsync();
        if (Messages is not null)
            await Messages.DisposeAsync();
        await _servers.DisposeAsync();
    }
}
