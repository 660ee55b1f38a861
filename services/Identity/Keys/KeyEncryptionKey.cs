namespace CustomerPlatform.Identity;

/// <summary>
/// The secret that encrypts Identity's private keys at rest: the OpenID Connect server's signing and
/// encryption keys (<c>server_keys</c>) and the ASP.NET Core data-protection key ring
/// (<c>data_protection_keys</c>). It is configured as <c>Identity:KeyEncryptionKey</c> (the AppHost
/// generates it into a file outside the database and gives it to every replica), so a copy of
/// identitydb alone reveals no key (ADR-016).
/// </summary>
public sealed class KeyEncryptionKey(string secret) : KeyEncryptionSecret(secret, ConfigurationKey, Owner)
{
    public const string ConfigurationKey = "Identity:KeyEncryptionKey";

    private const string Owner = "identity";

    public static KeyEncryptionKey FromConfiguration(IConfiguration configuration) => new(Read(configuration, ConfigurationKey, Owner));
}
