using System.Security.Cryptography;

namespace CustomerPlatform.AppHost.Resources;

/// <summary>
/// A generated credential kept in a file under the data folder, so it survives restarts (the
/// PostgreSQL data was initialised with it) and is never written in the repository.
/// </summary>
internal static class SecretFile
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>Letters and digits only, so the value needs no escaping in URIs or connection strings.</summary>
    public static string ReadOrCreate(string path, int length = 24)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0)
            {
                return existing;
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var secret = RandomNumberGenerator.GetString(Alphabet, length);
        File.WriteAllText(path, secret + "\n");
        MakePrivate(path);
        return secret;
    }

    /// <summary>Readable by its owner only (the AppHost runs on Linux; the guard keeps the analyzer informed).</summary>
    public static void MakePrivate(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
