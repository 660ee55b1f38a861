using CustomerPlatform.Contracts.Identity;
using CustomerPlatform.Contracts.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPlatform.Identity.Tests;

/// <summary>
/// Real PostgreSQL and RabbitMQ, the Identity service hosted in-process on them, and a host standing
/// for Notifications, Onboarding and Ticketing that records what Identity publishes to them (SendEmail,
/// CustomerSignedUp, EmailVerified, StaffAccountChanged, CustomerEmailChanged). Each test uses its own
/// addresses and its own client IP, so tests do not meet in each other's data or rate-limit counters.
/// </summary>
public sealed class IdentityFixture : IAsyncLifetime
{
    private TestServers _servers = null!;
    private StandInServices _others = null!;
    private int _nextIp;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);
    public IdentityApp App { get; private set; } = null!;
    public EventRecorder Messages { get; } =
        new(typeof(SendEmail), typeof(CustomerSignedUp), typeof(EmailVerified), typeof(StaffAccountChanged), typeof(CustomerEmailChanged));
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Identity:Issuer"] = IdentityApp.Origin,
        ["Identity:AppOrigin"] = "http://app.test",
        ["Identity:KeyEncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(36)),
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
        _servers = await TestServers.StartAsync(
            TimeSpan.FromSeconds(120), TestServer.Postgres(ResourceNames.Databases.Identity), TestServer.RabbitMq());
        foreach (var (key, value) in _servers.ConnectionStringSettings)
            Settings[key] = value;

        // Bound before Identity publishes anything.
        _others = await StandInServices.StartAsync("identity-tests", Settings, Messages);
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
        if (_others is not null)
            await _others.DisposeAsync();
        if (_servers is not null)
            await _servers.DisposeAsync();
    }
}
