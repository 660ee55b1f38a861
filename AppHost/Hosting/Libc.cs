using System.Runtime.InteropServices;

namespace CustomerPlatform.AppHost.Hosting;

/// <summary>The two system calls .NET does not expose: signalling a process group, and the effective user.</summary>
internal static class Libc
{
    public const int SIGINT = 2;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    /// <summary>Sends <paramref name="signal"/> to a process, or to a process group when <paramref name="pid"/> is negative.</summary>
    public static bool Kill(int pid, int signal) => kill(pid, signal) == 0;

    public static bool IsRoot => geteuid() == 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    [DllImport("libc")]
    private static extern uint geteuid();
}
