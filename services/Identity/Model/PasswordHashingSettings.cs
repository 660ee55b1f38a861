namespace CustomerPlatform.Identity;

/// <summary>
/// <c>Identity:PasswordHashing</c>: how new passwords are hashed. Argon2id with Keycloak's defaults
/// (7 MiB, 5 passes, 1 lane) unless configured otherwise; a stored hash made with anything else is
/// still accepted and replaced at the account's next sign-in.
/// </summary>
public sealed class PasswordHashingSettings
{
    public const string Section = "Identity:PasswordHashing";
    public const string Argon2id = "argon2id";
    public const string Pbkdf2 = "pbkdf2";

    /// <summary><see cref="Argon2id"/>, or <see cref="Pbkdf2"/> (ASP.NET Core Identity's V3 format) to compare or roll back.</summary>
    public string Algorithm { get; set; } = Argon2id;

    /// <summary>Argon2id memory in KiB (libsodium's m).</summary>
    public int MemoryKiB { get; set; } = 7 * 1024;

    /// <summary>Argon2id passes (t); libsodium's binding needs at least 3.</summary>
    public int Iterations { get; set; } = 5;

    /// <summary>Argon2id lanes (p); libsodium computes one lane only.</summary>
    public int Parallelism { get; set; } = 1;

    /// <summary>PBKDF2-HMAC-SHA512 iterations when <see cref="Algorithm"/> is <see cref="Pbkdf2"/> (ASP.NET Core's default).</summary>
    public int Pbkdf2Iterations { get; set; } = 100_000;

    /// <summary>Hashes computed at once; 0 means one per core (more only makes each take longer and use more memory).</summary>
    public int MaxConcurrent { get; set; }

    /// <summary>Requests that may wait for a hashing slot before more are turned away with 503 and Retry-After.</summary>
    public int QueueLimit { get; set; } = 1000;

    public string Describe() => string.Equals(Algorithm, Pbkdf2, StringComparison.OrdinalIgnoreCase)
        ? $"PBKDF2-HMAC-SHA512, {Pbkdf2Iterations} iterations"
        : $"Argon2id, m={MemoryKiB} KiB, t={Iterations}, p={Parallelism}";
}
