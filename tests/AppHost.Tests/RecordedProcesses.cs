using CustomerPlatform.AppHost.Hosting;

namespace CustomerPlatform.AppHost.Tests;

/// <summary>The processes an AppHost run recorded in its pid files, with their whole families, to check that none outlives it.</summary>
internal static class RecordedProcesses
{
    public static List<ProcessTree.ProcessId> Of(string dataDirectory)
    {
        var run = Path.Combine(dataDirectory, "run");
        return Directory.EnumerateFiles(run, "*.pid")
            .Select(file => File.ReadAllText(file).Split(' '))
            .Select(parts => new ProcessTree.ProcessId(int.Parse(parts[0]), long.Parse(parts[1])))
            .SelectMany(ProcessTree.Family)
            .ToList();
    }

    public static List<ProcessTree.ProcessId> Alive(IEnumerable<ProcessTree.ProcessId> processes) =>
        processes.Where(ProcessTree.IsAlive).ToList();

    public static string Describe(IEnumerable<ProcessTree.ProcessId> processes) =>
        string.Join(", ", processes.Select(p => $"{p.Pid} ({CommandOf(p.Pid)})"));

    /// <summary>The process's command name; "gone" when it has exited (RabbitMQ runs short-lived helpers like df).</summary>
    public static string CommandOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return "gone";
        }
    }
}
