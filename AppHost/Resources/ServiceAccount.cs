namespace CustomerPlatform.AppHost.Resources;

/// <summary>
/// PostgreSQL refuses to run as root and RabbitMQ wants its own user, so as root the AppHost hands
/// their folders to the package's system user and starts them through setpriv, which execs (the
/// pid stays the one we started, unlike runuser or su, which fork).
/// </summary>
internal static class ServiceAccount
{
    /// <summary>The user to run a server as: its system user when we are root, ourselves otherwise (null).</summary>
    public static string? For(string systemUser) => Environment.IsPrivilegedProcess ? systemUser : null;

    public static IEnumerable<string> SwitchUserPrefix(string? user) =>
        user is null ? [] : ["setpriv", $"--reuid={user}", $"--regid={user}", "--init-groups", "--"];

    /// <summary>Gives <paramref name="directory"/> (recursively) to <paramref name="user"/>; nothing when not root.</summary>
    public static async Task GiveAsync(string directory, string? user, CancellationToken cancellationToken)
    {
        if (user is not null)
        {
            await CommandRunner.RunCheckedAsync("chown", ["-R", $"{user}:{user}", directory], cancellationToken);
        }
    }

    /// <summary>Fails clearly when <paramref name="user"/> cannot write <paramref name="directory"/> (e.g. a repo under /root).</summary>
    public static async Task EnsureWritableAsync(string directory, string? user, CancellationToken cancellationToken)
    {
        if (user is null)
        {
            return;
        }

        var (exitCode, _) = await CommandRunner.RunAsync("setpriv", [.. SwitchUserPrefix(user).Skip(1), "test", "-w", directory], cancellationToken);
        if (exitCode != 0)
        {
            throw new DistributedApplicationException(
                $"The '{user}' user cannot write {directory}: a parent folder is not open to it (o+x). " +
                "Set AppHost:DataDirectory to a folder it can reach (e.g. under /var/tmp).");
        }
    }
}
