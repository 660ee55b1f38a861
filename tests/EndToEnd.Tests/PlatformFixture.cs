using Microsoft.Extensions.DependencyInjection;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>
/// Runs the AppHost's real model (Program.cs) through Aspire.Hosting.Testing, on random ports with a
/// throwaway data folder, with two Identity replicas (the gateway's load balancing) and two Onboarding
/// replicas (requests for one journey landing on both), and waits until the gateway reports every
/// service healthy.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const int IdentityReplicas = 2;
    public const int OnboardingReplicas = 2;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private TestApplication _test = null!;

    public DistributedApplication App => _test.App;

    /// <summary>The AppHost's data folder of this run (the servers' data, the generated secrets, the gateway's keys).</summary>
    public string DataDirectory => _test.DataDirectory;

    public HttpClient Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        _test = await TestApplication.StartAppHostAsync(
            [
                $"--AppHost:Replicas:{ResourceNames.Services.Identity}={IdentityReplicas}",
                $"--AppHost:Replicas:{ResourceNames.Services.Onboarding}={OnboardingReplicas}",
            ], [ResourceNames.Gateway], builder =>
            {
                LiftLimitsPerAddress(builder);
                RotateKeysOften(builder);
                // The app's sessions refresh their access token once it is 15 s old (not 14 min): every
                // browser test then goes through refreshes, side by side with the pages' polling.
                Project(builder, ResourceNames.Gateway).WithEnvironment("App__RefreshAhead", "00:14:45");
                // The storefront the pop-up test plays (a page the browser is given for this origin).
                Project(builder, ResourceNames.Services.Loyalty).WithEnvironment("Loyalty__Capture__StoreOrigins__0", StorefrontOrigin);
                RewardsCatalogue(builder);
                // Support's follow-up comes seconds after an order's delivery, not days.
                Project(builder, ResourceNames.Services.Customers).WithEnvironment("Customers__FollowUpDelay", FollowUpDelay.ToString());
            }, timeout.Token);
        Gateway = new HttpClient { BaseAddress = App.GetEndpoint(ResourceNames.Gateway, "http") };
    }

    /// <summary>
    /// Every customer and staff member of these tests calls from this one machine, many at once:
    /// Identity's per-address limits (20 sign-ups an hour) and the gateway's per-address and per-user
    /// limits are raised for them (When_clients_send_too_many_requests tests those at their own
    /// values); Identity's per-email limits stay as configured.
    /// </summary>
    public static void LiftLimitsPerAddress(IDistributedApplicationTestingBuilder builder)
    {
        var identity = Project(builder, ResourceNames.Services.Identity);
        foreach (var policy in new[] { "SignUp", "SignIn", "ResendVerification" })
            identity.WithEnvironment($"Identity__RateLimits__{policy}__PerIp", "100000");
        Project(builder, ResourceNames.Services.Loyalty).WithEnvironment("Loyalty__Capture__PermitPerAddress", "100000");
        var gateway = Project(builder, ResourceNames.Gateway);
        foreach (var partition in new[] { "PerAddress", "PerUser" })
            gateway.WithEnvironment($"Gateway__RateLimits__{partition}__PermitLimit", "1000000");
    }

    /// <summary>
    /// Identity's keys rotate every <see cref="KeyRotationPeriod"/> (a new one published
    /// <see cref="KeyPublicationLead"/> before it signs), so every test of the run meets a rotation
    /// with its sessions live; the services may re-read the JWKS every second instead of every 5 minutes.
    /// </summary>
    public static void RotateKeysOften(IDistributedApplicationTestingBuilder builder)
    {
        var identity = Project(builder, ResourceNames.Services.Identity);
        identity.WithEnvironment("Identity__Keys__RotationPeriod", KeyRotationPeriod.ToString());
        identity.WithEnvironment("Identity__Keys__PublicationLead", KeyPublicationLead.ToString());
        identity.WithEnvironment("Identity__Keys__RefreshInterval", "00:00:02");
        foreach (var name in ResourceNames.Services.All.Append(ResourceNames.Gateway))
            Project(builder, name).WithEnvironment("Identity__JwksRefreshInterval", "00:00:01");
    }

    /// <summary>
    /// The rewards the app's loyalty page offers (no catalogue is configured by default): one a customer with a
    /// first order can afford, one nobody can (the page's "not enough points"), and one whose code expires at once.
    /// </summary>
    public static void RewardsCatalogue(IDistributedApplicationTestingBuilder builder)
    {
        var loyalty = Project(builder, ResourceNames.Services.Loyalty);
        foreach (var (id, name, kind, value, cost, validFor) in new[]
                 {
                     ("ten-off", "10 % off your next order", "percent-discount", "10", "500", "30.00:00:00"),
                     ("weekend-away", "A weekend away", "fixed-discount", "500", "1000000", "30.00:00:00"),
                     ("blink", "A code that expires at once", "free-shipping", "0", "1", "00:00:01"),
                 })
        {
            loyalty.WithEnvironment($"Loyalty__Rewards__{id}__Name", name);
            loyalty.WithEnvironment($"Loyalty__Rewards__{id}__Kind", kind);
            loyalty.WithEnvironment($"Loyalty__Rewards__{id}__Value", value);
            loyalty.WithEnvironment($"Loyalty__Rewards__{id}__Cost", cost);
            loyalty.WithEnvironment($"Loyalty__Rewards__{id}__ValidFor", validFor);
        }
    }

    public static readonly TimeSpan KeyRotationPeriod = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan FollowUpDelay = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The business's storefront in the pop-up's test: a page the test serves on a loopback port of its own, another origin than
    /// the gateway's (on loopback as the gateway is: Chromium keeps pages of public addresses from calling loopback ones).
    /// </summary>
    public static readonly string StorefrontOrigin = $"http://127.0.0.1:{FreePort()}";

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
    public static readonly TimeSpan KeyPublicationLead = TimeSpan.FromSeconds(20);

    public static IResourceBuilder<ProjectResource> Project(IDistributedApplicationTestingBuilder builder, string name) =>
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == name));

    /// <summary>The secret that encrypts Identity's keys in identitydb (the AppHost generates it).</summary>
    public Task<string> KeyEncryptionKeyAsync() => KeyEncryptionKeyAsync(App);

    public static async Task<string> KeyEncryptionKeyAsync(DistributedApplication app) =>
        (await app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>()
            .Single(p => p.Name == "identity-key-encryption-key").GetValueAsync(CancellationToken.None))!;

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        if (_test is not null)
            await _test.DisposeAsync();
    }
}
