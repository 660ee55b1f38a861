using Microsoft.AspNetCore.Identity;

namespace CustomerPlatform.Identity;

/// <summary>A hash made with the configured hasher, checked when there is no real one to check (unknown address, locked account).</summary>
public sealed class DummyPasswordHash
{
    public DummyPasswordHash(IPasswordHasher<PlatformUser> hasher)
    {
        Hash = hasher.HashPassword(User, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
    }

    public PlatformUser User { get; } = new();

    public string Hash { get; }
}
