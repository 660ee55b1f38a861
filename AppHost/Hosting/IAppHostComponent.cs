namespace CustomerPlatform.AppHost.Hosting;

/// <summary>
/// Something the AppHost hosts besides the resources, e.g. the dashboard. It is started after the
/// port checks and before the resources (so it can show them starting), and stopped after them.
/// </summary>
public interface IAppHostComponent
{
    /// <summary>Fixed ports the component will bind; checked with the resources' ports before anything starts.</summary>
    IReadOnlyList<FixedPort> FixedPorts { get; }

    Task StartAsync(DistributedApplication app, CancellationToken cancellationToken);

    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>Labelled URLs printed on the console once everything is healthy, e.g. ("Dashboard", login URL).</summary>
    IReadOnlyList<KeyValuePair<string, string>> GetUrls();
}
