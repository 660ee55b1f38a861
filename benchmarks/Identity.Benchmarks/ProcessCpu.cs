using System.Globalization;

/// <summary>
/// CPU time (user + system) of the processes DCP runs for the benchmark, read from /proc and grouped as
/// Identity (each replica's process, as its resource snapshot names it, with the app <c>dotnet run</c>
/// starts under it), PostgreSQL (the server and its backends) and the rest DCP runs (RabbitMQ, and DCP's
/// own process with the proxy every request passes). Per-login CPU is the figure that holds when other
/// work shares the machine.
/// </summary>
internal sealed class ProcessCpu(IReadOnlyCollection<int> identity, int postgres)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public Dictionary<string, TimeSpan> Snapshot()
    {
        var totals = new Dictionary<string, TimeSpan> { ["identity"] = TimeSpan.Zero, ["postgres"] = TimeSpan.Zero, ["other"] = TimeSpan.Zero };
        if (!Directory.Exists("/proc"))
            return totals;
        var parents = new Dictionary<int, int>();
        var cpu = new Dictionary<int, TimeSpan>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                cpu[pid] = TimeSpan.FromSeconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond);
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        // DCP's process is the one that started the replicas.
        var dcp = identity.Select(pid => parents.GetValueOrDefault(pid)).FirstOrDefault(pid => pid > 1);
        foreach (var (pid, time) in cpu)
        {
            var group = Under(pid, identity, parents) ? "identity"
                : Under(pid, [postgres], parents) ? "postgres"
                : Under(pid, [dcp], parents) ? "other" : null;
            if (group is not null)
                totals[group] += time;
        }
        return totals;
    }

    public Dictionary<string, TimeSpan> Since(Dictionary<string, TimeSpan> before)
    {
        var now = Snapshot();
        return now.ToDictionary(p => p.Key, p => p.Value - before.GetValueOrDefault(p.Key));
    }

    /// <summary>Whether <paramref name="pid"/> is one of <paramref name="roots"/> or runs under one.</summary>
    private static bool Under(int pid, IReadOnlyCollection<int> roots, Dictionary<int, int> parents)
    {
        for (var hops = 0; hops < 32 && pid > 1; hops++, pid = parents.GetValueOrDefault(pid))
        {
            if (roots.Contains(pid))
                return true;
        }
        return false;
    }
}
