using System.Globalization;

namespace CustomerPlatform.AppHost.Hosting;

/// <summary>
/// Reads /proc to find a process's whole family. Process groups alone are not enough: Erlang's
/// helpers (erl_child_setup, inet_gethost) call setsid themselves, so they leave our group.
/// Start times (field 22 of /proc/pid/stat) tell a process from a later one that reused its pid.
/// </summary>
internal static class ProcessTree
{
    public readonly record struct ProcessId(int Pid, long StartTime);

    /// <summary>The start time of a live process (clock ticks since boot), or null when it is gone or a zombie.</summary>
    public static long? StartTime(int pid) => ReadStat(pid)?.StartTime;

    /// <summary>Live (non-zombie) members of a process group.</summary>
    public static bool GroupHasMembers(int group) => AllProcesses().Values.Any(p => p.Group == group);

    public static bool IsAlive(ProcessId process) => StartTime(process.Pid) == process.StartTime;

    /// <summary>The process, its descendants, and every member of its process group (zombies are already dead and left out).</summary>
    public static List<ProcessId> Family(ProcessId root)
    {
        var all = AllProcesses();
        var family = new List<ProcessId>();
        if (!all.TryGetValue(root.Pid, out var rootStat) || rootStat.StartTime != root.StartTime)
        {
            return family;
        }

        var members = new HashSet<int> { root.Pid };
        members.UnionWith(all.Where(p => p.Value.Group == root.Pid).Select(p => p.Key));
        var added = true;
        while (added)
        {
            added = false;
            foreach (var (pid, stat) in all)
            {
                if (members.Contains(stat.Parent) && members.Add(pid))
                {
                    added = true;
                }
            }
        }

        family.AddRange(members.Select(pid => new ProcessId(pid, all[pid].StartTime)));
        return family;
    }

    /// <summary>Signals the process group led by <paramref name="root"/> and each listed process still alive.</summary>
    public static void Signal(ProcessId root, IEnumerable<ProcessId> family, int signal)
    {
        if (IsAlive(root) || family.Any(IsAlive))
        {
            Libc.Kill(-root.Pid, signal);
        }

        foreach (var process in family.Where(IsAlive))
        {
            Libc.Kill(process.Pid, signal);
        }
    }

    private readonly record struct Stat(int Parent, int Group, long StartTime);

    private static Dictionary<int, Stat> AllProcesses()
    {
        var result = new Dictionary<int, Stat>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ReadStat(pid) is { } stat)
            {
                result[pid] = stat;
            }
        }

        return result;
    }

    private static Stat? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may contain spaces; fields 3.. follow the last ')'.
        // A zombie has exited and only waits to be reaped (by init, which may be slow in containers): it counts as gone.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        if (fields[0] is "Z" or "X")
        {
            return null;
        }

        return new Stat(
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            int.Parse(fields[2], CultureInfo.InvariantCulture),
            long.Parse(fields[19], CultureInfo.InvariantCulture));
    }
}
