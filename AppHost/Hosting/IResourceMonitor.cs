namespace CustomerPlatform.AppHost.Hosting;

/// <summary>
/// What the dashboard (and tools) see of the running model: the resources, their console logs, and
/// the commands an SRE may give. The orchestrator implements it; the dashboard only reads it.
/// </summary>
public interface IResourceMonitor
{
    IReadOnlyList<ResourceSnapshot> GetResources();

    ResourceSnapshot? GetResource(string name);

    /// <summary>Yields a snapshot each time any resource changes (state, health, endpoints…).</summary>
    IAsyncEnumerable<ResourceSnapshot> WatchAsync(CancellationToken cancellationToken);

    /// <summary>The console lines kept in memory for a resource (all its replicas), oldest first.</summary>
    IReadOnlyList<LogLine> GetLogs(string resource, long afterSequence = 0);

    /// <summary>Yields the resource's console lines as they are written, after <paramref name="afterSequence"/>.</summary>
    IAsyncEnumerable<LogLine> WatchLogsAsync(string resource, long afterSequence, CancellationToken cancellationToken);

    /// <summary>Runs a command: <c>start</c>, <c>stop</c>, <c>restart</c> or <c>kill</c> (SIGKILL, as a crash, then start). False when the resource or command is unknown.</summary>
    Task<bool> ExecuteCommandAsync(string resource, string command, CancellationToken cancellationToken);
}
