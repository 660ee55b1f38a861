using System.Globalization;

namespace CustomerPlatform.Testing;

/// <summary>
/// The processes an AppHost started, read from /proc: DCP (started with <c>--monitor &lt;apphost pid&gt;</c>)
/// and everything below it — the dashboard, the servers, the services — plus anything that names the
/// data folder on its command line (a server that left DCP's tree). A process is identified by pid
/// and start time, so a recycled pid is never taken for a survivor.
/// </summary>
public static class ProcessFamily
{
    public sealed record Member(int Pid, long StartTime, string Command, string CommandLine);

    public static IReadOnlyList<Member> Of(int appHostPid, string dataDirectory)
    {
        var all = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? Read(pid) : null)
            .OfType<(Member Member, int Parent, string CommandLine)>()
            .ToList();
        var roots = all.Where(p => (p.CommandLine.Contains("dcp", StringComparison.Ordinal) && p.CommandLine.Contains($"--monitor {appHostPid}", StringComparison.Ordinal))
                                   || p.CommandLine.Contains(dataDirectory, StringComparison.Ordinal))
            .Select(p => p.Member.Pid)
            .ToHashSet();
        var family = new HashSet<int>(roots);
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var process in all.Where(p => family.Contains(p.Parent) && family.Add(p.Member.Pid)))
                grew = true;
        }

        return [.. all.Where(p => family.Contains(p.Member.Pid)).Select(p => p.Member)];
    }

    /// <summary>The processes whose parent is <paramref name="pid"/>.</summary>
    public static IReadOnlyList<Member> ChildrenOf(int pid) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? Read(id) : null)
            .OfType<(Member Member, int Parent, string CommandLine)>()
            .Where(p => p.Parent == pid)
            .Select(p => p.Member)];

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
