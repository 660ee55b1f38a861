namespace CustomerPlatform.AppHost.Hosting;

/// <summary>The live state of one process of a resource (or of a database, which has none).</summary>
internal sealed class RunnerInstance(string id, ChildProcess? process, string? url)
{
    public string Id { get; } = id;

    public ChildProcess? Process { get; } = process;

    public string? Url { get; } = url;

    public ResourceState State { get; set; } = ResourceState.Running;

    public string Health { get; set; } = HealthStatus.Unknown;

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public int? ExitCode { get; set; }

    public bool WasHealthy { get; set; }

    public int ConsecutiveFailures { get; set; }

    public ResourceInstance ToSnapshot() => new(Id, Process?.Pid, State, Health, StartedAt, Url);
}
