using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Identity.Tests;

/// <summary>The hasher alone (no servers): Argon2id at Keycloak's cost, PBKDF2 accepted and upgraded.</summary>
public sealed class When_a_password_is_hashed
{
    private const string Password = "correct-horse-battery-staple ✓";
    private static readonly PlatformUser User = new() { Id = Guid.NewGuid() };

    [Fact]
    public void Should_write_an_argon2id_phc_string_with_the_configured_cost()
    {
        var hash = Hasher().HashPassword(User, Password);

        Assert.StartsWith("$argon2id$v=19$m=7168,t=5,p=1$", hash);
        Assert.NotEqual(hash, Hasher().HashPassword(User, Password)); // a fresh salt each time
    }

    [Fact]
    public void Should_verify_the_password_it_hashed()
    {
        var hasher = Hasher();

        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(User, hasher.HashPassword(User, Password), Password));
    }

    [Theory]
    [InlineData("correct-horse-battery-staple")]
    [InlineData("Correct-horse-battery-staple ✓")]
    [InlineData("")]
    public void Should_refuse_a_wrong_password(string wrong)
    {
        var hasher = Hasher();

        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(User, hasher.HashPassword(User, Password), wrong));
    }

    [Fact]
    public void Should_accept_an_aspnet_identity_pbkdf2_hash_and_ask_for_a_rehash()
    {
        var legacy = new PasswordHasher<PlatformUser>().HashPassword(User, Password);

        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Hasher().VerifyHashedPassword(User, legacy, Password));
        Assert.Equal(PasswordVerificationResult.Failed, Hasher().VerifyHashedPassword(User, legacy, "not-the-password"));
    }

    [Theory]
    [InlineData(8 * 1024, 5)]
    [InlineData(7 * 1024, 6)]
    public void Should_ask_for_a_rehash_when_the_cost_changed(int memoryKiB, int iterations)
    {
        var old = Hasher().HashPassword(User, Password);

        var changed = Hasher(new() { MemoryKiB = memoryKiB, Iterations = iterations });

        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, changed.VerifyHashedPassword(User, old, Password));
        Assert.Equal(PasswordVerificationResult.Success, changed.VerifyHashedPassword(User, changed.HashPassword(User, Password), Password));
    }

    [Fact]
    public void Should_hash_with_pbkdf2_when_configured_and_upgrade_argon2id_back()
    {
        var argon2id = Hasher().HashPassword(User, Password);
        var pbkdf2 = Hasher(new() { Algorithm = PasswordHashingSettings.Pbkdf2, Pbkdf2Iterations = 1000 });

        Assert.Equal(PasswordVerificationResult.Success, pbkdf2.VerifyHashedPassword(User, pbkdf2.HashPassword(User, Password), Password));
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, pbkdf2.VerifyHashedPassword(User, argon2id, Password));
    }

    [Theory]
    [InlineData("$argon2i$v=19$m=7168,t=5,p=1$c2FsdHNhbHRzYWx0$aGFzaA")]
    [InlineData("$argon2id$v=19$m=7168$c2FsdA$aGFzaA")]
    [InlineData("$2b$12$abcdefghijklmnopqrstuv")]
    public void Should_refuse_a_hash_in_a_format_it_does_not_know(string hash)
    {
        Assert.Equal(PasswordVerificationResult.Failed, Hasher().VerifyHashedPassword(User, hash, Password));
    }

    [Theory]
    [InlineData("scrypt", 7168, 5, 1)]
    [InlineData("argon2id", 7168, 2, 1)]
    [InlineData("argon2id", 7168, 5, 2)]
    [InlineData("argon2id", 4, 5, 1)]
    public void Should_refuse_to_start_with_a_cost_libsodium_cannot_compute(string algorithm, int memoryKiB, int iterations, int parallelism)
    {
        var settings = new PasswordHashingSettings { Algorithm = algorithm, MemoryKiB = memoryKiB, Iterations = iterations, Parallelism = parallelism };

        Assert.Throws<InvalidOperationException>(() => Hasher(settings));
    }

    private static PlatformPasswordHasher Hasher(PasswordHashingSettings? settings = null) =>
        new(Options.Create(settings ?? new PasswordHashingSettings()));
}
