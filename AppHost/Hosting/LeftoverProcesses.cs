using System.Globalization;

namespace CustomerPlatform.AppHost.Hosting;

/// <summary>
/// Pid files in <c>&lt;data&gt;/run</c>: one per live child, with its start time and stop signal.
/// When an AppHost is killed (SIGKILL, crash), its children keep running and hold the ports and
/// data folders; the next run finds them here and stops them before starting anything.
/// </summary>
internal sealed class LeftoverProcesses(string runDirectory)
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(5);

    public void Record(string instanceId, ProcessTree.ProcessId process, int stopSignal)
    {
        Directory.CreateDirectory(runDirectory);
        File.WriteAllText(PathOf(instanceId), string.Create(CultureInfo.InvariantCulture, $"{process.Pid} {process.StartTime} {stopSignal}\n"));
    }

    public void Remove(string instanceId) => File.Delete(PathOf(instanceId));

    /// <summary>Stops every recorded process that still runs (same pid and start time); returns their ids.</summary>
    public async Task<IReadOnlyList<string>> StopAllAsync()
    {
        if (!Directory.Exists(runDirectory))
        {
            return [];
        }

        var leftovers = new List<(string Id, ProcessTree.ProcessId Root, List<ProcessTree.ProcessId> Family)>();
        foreach (var file in Directory.EnumerateFiles(runDirectory, "*.pid"))
        {
            if (Parse(file) is { } entry && ProcessTree.IsAlive(entry.Root))
            {
                leftovers.Add((Path.GetFileNameWithoutExtension(file), entry.Root, ProcessTree.Family(entry.Root)));
                Libc.Kill(entry.Root.Pid, entry.Signal); // the leader stops its workers, as in ChildProcess.StopAsync
            }

            File.Delete(file);
        }

        var deadline = DateTime.UtcNow + GracePeriod;
        while (DateTime.UtcNow < deadline && leftovers.Any(l => l.Family.Any(ProcessTree.IsAlive)))
        {
            await Task.Delay(100);
        }

        foreach (var (_, root, family) in leftovers)
        {
            ProcessTree.Signal(root, family, Libc.SIGKILL);
        }

        return [.. leftovers.Select(l => l.Id)];
    }

    private string PathOf(string instanceId) => Path.Combine(runDirectory, instanceId + ".pid");

    private static (ProcessTree.ProcessId Root, int Signal)? Parse(string file)
    {
        var parts = File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 3
            && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid)
            && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var startTime)
            && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var signal)
            ? (new ProcessTree.ProcessId(pid, startTime), signal)
            : null;
    }
}
