using System.Runtime.InteropServices;

namespace CustomerPlatform.Benchmarks;

/// <summary>What a benchmark prints of the machine it ran on, so a figure is read beside how busy the machine was.</summary>
internal static class Machine
{
    /// <summary>The 1, 5 and 15 minute load averages (Linux), or "n/a".</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The line a run starts with: cores, system, runtime and load.</summary>
    public static string Describe() =>
        $"Machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, load average {LoadAverage()}";
}
