using System.Net.Http.Headers;
using CustomerPlatform.AppHost.Hosting;
using CustomerPlatform.Contracts;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>
/// Runs the AppHost's real model (Program.cs) with ephemeral ports and a temporary data folder,
/// with two Identity replicas so the gateway's load balancing is exercised, and waits until the
/// gateway reports every service healthy.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const int IdentityReplicas = 2;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    public DistributedApplication App { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public HttpClient Dashboard { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        App = await DistributedApplicationTestingBuilder.StartAsync<Program>(
            [$"--AppHost:Replicas:{ResourceNames.Services.Identity}={IdentityReplicas}"], timeout.Token);
        await App.WaitForResourceHealthyAsync(ResourceNames.Gateway, timeout.Token);

        Gateway = new HttpClient { BaseAddress = App.GetEndpoint(ResourceNames.Gateway) };
        var login = new Uri(App.Urls.Single(u => u.Key == "Dashboard").Value);
        Dashboard = new HttpClient { BaseAddress = new Uri(login.GetLeftPart(UriPartial.Authority)) };
        Dashboard.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.Query["?t=".Length..]);
    }

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        Dashboard?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}
