namespace CustomerPlatform.AppHost.Hosting;

/// <summary>How to start one child process.</summary>
/// <param name="InstanceId">Names the log lines and the pid file (e.g. <c>postgres</c>, <c>identity-0</c>).</param>
/// <param name="RunAsUser">A system user to switch to (via setpriv) when the AppHost runs as root; null keeps ours.</param>
/// <param name="StopSignal">The signal that asks for a clean shutdown (PostgreSQL wants SIGINT: SIGTERM waits for clients).</param>
internal sealed record ProcessSpec(
    string InstanceId,
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory,
    string? RunAsUser = null,
    int StopSignal = Libc.SIGTERM);
