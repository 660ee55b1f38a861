using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Sodium;

namespace CustomerPlatform.Identity;

/// <summary>
/// Argon2id (libsodium's crypto_pwhash_str, a PHC string) for new hashes, at the configured cost.
/// A hash made by ASP.NET Core Identity's PBKDF2 hasher, or by Argon2id at another cost, still signs
/// in, answering <see cref="PasswordVerificationResult.SuccessRehashNeeded"/> so the sign-in stores a
/// hash at today's cost. Stateless: one for the process.
/// </summary>
public sealed class PlatformPasswordHasher : IPasswordHasher<PlatformUser>
{
    private const int Argon2Version = 19;

    private readonly PasswordHashingSettings _settings;
    private readonly bool _argon2id;
    private readonly PasswordHasher<PlatformUser> _pbkdf2;

    public PlatformPasswordHasher(IOptions<PasswordHashingSettings> options)
    {
        _settings = options.Value;
        _argon2id = Validate(_settings);
        _pbkdf2 = new PasswordHasher<PlatformUser>(Options.Create(new PasswordHasherOptions { IterationCount = _settings.Pbkdf2Iterations }));
    }

    public string HashPassword(PlatformUser user, string password) => _argon2id
        ? PasswordHash.ArgonHashString(password, _settings.Iterations, _settings.MemoryKiB * 1024)
        : _pbkdf2.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(PlatformUser user, string hashedPassword, string providedPassword)
    {
        if (Argon2idHash.TryParse(hashedPassword, out var stored))
        {
            if (!PasswordHash.ArgonHashStringVerify(hashedPassword, providedPassword))
                return PasswordVerificationResult.Failed;
            return _argon2id && stored == Configured ? PasswordVerificationResult.Success : PasswordVerificationResult.SuccessRehashNeeded;
        }

        // Not ours and not ASP.NET Identity's base64 either (another $-format): never a match.
        if (hashedPassword.StartsWith('$'))
            return PasswordVerificationResult.Failed;

        var legacy = _pbkdf2.VerifyHashedPassword(user, hashedPassword, providedPassword);
        return legacy == PasswordVerificationResult.Success && _argon2id ? PasswordVerificationResult.SuccessRehashNeeded : legacy;
    }

    private Argon2idHash Configured => new(Argon2Version, _settings.MemoryKiB, _settings.Iterations, _settings.Parallelism);

    // Refuses to start on a cost libsodium cannot compute, rather than failing every sign-up later.
    private static bool Validate(PasswordHashingSettings settings)
    {
        if (string.Equals(settings.Algorithm, PasswordHashingSettings.Pbkdf2, StringComparison.OrdinalIgnoreCase))
        {
            if (settings.Pbkdf2Iterations < 1)
                throw Invalid("Pbkdf2Iterations must be at least 1.");
            return false;
        }
        if (!string.Equals(settings.Algorithm, PasswordHashingSettings.Argon2id, StringComparison.OrdinalIgnoreCase))
            throw Invalid($"Algorithm must be '{PasswordHashingSettings.Argon2id}' or '{PasswordHashingSettings.Pbkdf2}'.");
        if (settings.Parallelism != 1)
            throw Invalid("Parallelism must be 1 (libsodium computes one lane).");
        if (settings.Iterations < 3)
            throw Invalid("Iterations must be at least 3.");
        if (settings.MemoryKiB < 8 || settings.MemoryKiB > 1024 * 1024)
            throw Invalid("MemoryKiB must be between 8 and 1048576 (1 GiB).");
        return true;
    }

    private static InvalidOperationException Invalid(string message) => new($"{PasswordHashingSettings.Section}: {message}");
}
