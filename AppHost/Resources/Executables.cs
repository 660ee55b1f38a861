namespace CustomerPlatform.AppHost.Resources;

/// <summary>Finds the servers' programs, with an install hint when one is missing.</summary>
internal static class Executables
{
    public static string OnPath(string name, string installHint) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists)
        ?? throw new DistributedApplicationException($"'{name}' was not found on PATH. {installHint}");

    /// <summary>The newest PostgreSQL bin folder of the Debian packages, unless configured.</summary>
    public static string PostgresBin(string? configured)
    {
        var candidates = configured is not null
            ? [configured]
            : Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql")
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var version) ? version : 0)
                    .Select(d => Path.Combine(d, "bin"))
                : [];
        return candidates.FirstOrDefault(dir => File.Exists(Path.Combine(dir, "postgres")))
            ?? throw new DistributedApplicationException(
                "PostgreSQL was not found in /usr/lib/postgresql/*/bin. Install it (apt-get install postgresql) or set AppHost:PostgresBinDirectory.");
    }

    public static string Existing(string path, string installHint) =>
        File.Exists(path) ? path : throw new DistributedApplicationException($"{path} was not found. {installHint}");
}
