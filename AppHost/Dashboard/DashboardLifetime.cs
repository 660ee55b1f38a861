using Microsoft.Extensions.Hosting;

namespace CustomerPlatform.AppHost.Dashboard;

/// <summary>
/// Replaces the console lifetime: the AppHost owns Ctrl+C and shutdown, so the dashboard must not stop
/// itself on a signal while the orchestrator is still stopping resources the SRE may want to watch.
/// </summary>
internal sealed class DashboardLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
