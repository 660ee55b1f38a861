using CustomerPlatform.AppHost.Hosting;

namespace CustomerPlatform.AppHost.Dashboard;

/// <summary>Runs the dashboard inside the AppHost's lifecycle: started before the resources (so it shows them starting), stopped after them.</summary>
public sealed class DashboardComponent(DistributedApplicationOptions options) : IAppHostComponent
{
    private DashboardHost? _dashboard;

    public IReadOnlyList<FixedPort> FixedPorts =>
        options.Ports.Dashboard == 0 ? [] : [new FixedPort(options.Ports.Dashboard, "dashboard", "Ports:Dashboard")];

    public async Task StartAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        _dashboard = new DashboardHost(app.Monitor, new DashboardOptions { Port = options.Ports.Dashboard });
        await _dashboard.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
            _dashboard = null;
        }
    }

    public IReadOnlyList<KeyValuePair<string, string>> GetUrls() =>
        _dashboard is null ? [] : [new("Dashboard", _dashboard.LoginUrl.ToString())];
}
