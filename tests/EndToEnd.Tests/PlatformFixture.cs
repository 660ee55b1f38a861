using Aspire.Hosting;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>
/// Runs the AppHost's real model (Program.cs) through Aspire.Hosting.Testing, on random ports with a
/// throwaway data folder, with two Identity replicas so the gateway's load balancing is exercised,
/// and waits until the gateway reports every service healthy.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const int IdentityReplicas = 2;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private TestApplication _test = null!;

    public DistributedApplication App => _test.App;

    public HttpClient Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        _test = await TestApplication.StartAppHostAsync(
            [$"--AppHost:Replicas:{ResourceNames.Services.Identity}={IdentityReplicas}"], [ResourceNames.Gateway], timeout.Token);
        Gateway = new HttpClient { BaseAddress = App.GetEndpoint(ResourceNames.Gateway, "http") };
    }

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        if (_test is not null)
            await _test.DisposeAsync();
    }
}
