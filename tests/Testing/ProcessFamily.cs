using System.Globalization;

namespace CustomerPlatform.Testing;

/// <summary>
/// The processes of one Aspire application, read from /proc: the servers that name its data folder on
/// their command lines, the DCP above them and everything below that DCP (the dashboard, the services,
/// the port mapper). A process is identified by pid
/// and start time, so a recycled pid is never taken for a survivor.
/// </summary>
public static class ProcessFamily
{
    public sealed record Member(int Pid, long StartTime, string Command, string CommandLine);

    public static IReadOnlyList<Member> Of(string dataDirectory)
    {
        var all = Snapshot();
        var byPid = all.ToDictionary(p => p.Member.Pid);
        // The servers name the data folder on their command lines; above them is the DCP that started
        // them (its controllers under its API server), and below that DCP everything else of the application.
        var roots = new HashSet<int>();
        foreach (var server in all.Where(p => p.CommandLine.Contains(dataDirectory, StringComparison.Ordinal)))
        {
            roots.Add(server.Member.Pid);
            var top = server;
            for (var up = server; byPid.TryGetValue(up.Parent, out var parent); up = parent)
            {
                if (parent.Member.Command == "dcp")
                    top = parent;
            }

            roots.Add(top.Member.Pid);
        }

        var family = new HashSet<int>(roots);
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var process in all.Where(p => family.Contains(p.Parent) && family.Add(p.Member.Pid)))
                grew = true;
        }

        return [.. all.Where(p => family.Contains(p.Member.Pid)).Select(p => p.Member)];
    }

    private static List<(Member Member, int Parent, string CommandLine)> Snapshot() =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? Read(pid) : null)
            .OfType<(Member Member, int Parent, string CommandLine)>()];

    /// <summary>The processes whose parent is <paramref name="pid"/>.</summary>
    public static IReadOnlyList<Member> ChildrenOf(int pid) => [.. Snapshot().Where(p => p.Parent == pid).Select(p => p.Member)];

    public static IReadOnlyList<Member> Alive(IEnumerable<Member> members) =>
        [.. members.Where(m => Read(m.Pid) is { } now && now.Member.StartTime == m.StartTime)];

    public static string Describe(IEnumerable<Member> members) =>
        string.Join(", ", members.Select(m => $"{m.Command} ({m.Pid})"));

    private static (Member Member, int Parent, string CommandLine)? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // pid (comm) state ppid ... starttime is field 22; comm may hold spaces, so split after the last ')'.
            var close = stat.LastIndexOf(')');
            var command = stat[(stat.IndexOf('(') + 1)..close];
            var fields = stat[(close + 2)..].Split(' ');
            if (fields[0] == "Z")
                return null; // a zombie has exited; only its parent's reaping is left
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            var startTime = long.Parse(fields[19], CultureInfo.InvariantCulture);
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            return (new Member(pid, startTime, command, commandLine), parent, commandLine);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
