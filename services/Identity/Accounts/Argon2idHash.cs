using System.Globalization;

namespace CustomerPlatform.Identity;

/// <summary>The parameters of a PHC string <c>$argon2id$v=19$m=7168,t=5,p=1$salt$hash</c>, as libsodium writes it.</summary>
public readonly record struct Argon2idHash(int Version, int MemoryKiB, int Iterations, int Parallelism)
{
    public const string Prefix = "$argon2id$";

    public static bool TryParse(string? phc, out Argon2idHash hash)
    {
        hash = default;
        if (phc is null || !phc.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        var parts = phc.Split('$');
        if (parts.Length != 6 || !parts[2].StartsWith("v=", StringComparison.Ordinal)
            || !int.TryParse(parts[2].AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return false;

        int? m = null, t = null, p = null;
        foreach (var pair in parts[3].Split(','))
        {
            var (name, value) = (pair.Split('=', 2)[0], pair.Split('=', 2).ElementAtOrDefault(1));
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                return false;
            switch (name)
            {
                case "m": m = number; break;
                case "t": t = number; break;
                case "p": p = number; break;
                default: return false;
            }
        }
        if (m is null || t is null || p is null)
            return false;
        hash = new Argon2idHash(version, m.Value, t.Value, p.Value);
        return true;
    }
}
