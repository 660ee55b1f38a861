using System.Globalization;

/// <summary>
/// CPU time (user + system) of this process's descendants, read from /proc, grouped as Identity,
/// PostgreSQL and the rest. Per-login CPU is the figure that holds when other work shares the machine.
/// </summary>
internal static class ProcessCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static Dictionary<string, TimeSpan> Snapshot()
    {
        var totals = new Dictionary<string, TimeSpan> { ["identity"] = TimeSpan.Zero, ["postgres"] = TimeSpan.Zero, ["other"] = TimeSpan.Zero };
        if (!Directory.Exists("/proc"))
            return totals;
        var parents = new Dictionary<int, int>();
        var cpu = new Dictionary<int, TimeSpan>();
        var names = new Dictionary<int, string>();
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
                names[pid] = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        var self = Environment.ProcessId;
        foreach (var (pid, time) in cpu)
        {
            if (pid == self || !DescendsFrom(pid, self, parents))
                continue;
            var group = names[pid].Contains("CustomerPlatform.Identity", StringComparison.Ordinal) ? "identity"
                : names[pid].Contains("postgres", StringComparison.Ordinal) ? "postgres" : "other";
            totals[group] += time;
        }
        return totals;
    }

    public static Dictionary<string, TimeSpan> Since(Dictionary<string, TimeSpan> before)
    {
        var now = Snapshot();
        return now.ToDictionary(p => p.Key, p => p.Value - before.GetValueOrDefault(p.Key));
    }

    private static bool DescendsFrom(int pid, int ancestor, Dictionary<int, int> parents)
    {
        for (var hops = 0; hops < 32 && parents.TryGetValue(pid, out var parent) && parent > 1; hops++, pid = parent)
        {
            if (parent == ancestor)
                return true;
        }
        return false;
    }
}
