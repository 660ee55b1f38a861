namespace CustomerPlatform.Identity;

/// <summary>
/// One of the OpenID Connect server's RSA keys (token signing or encryption), shared by every replica
/// through identitydb. A key signs (or encrypts) from <see cref="ActiveFrom"/> until the next key of
/// its use becomes active, and is kept for validation until every token it protected has expired
/// (ADR-016).
/// </summary>
public sealed class ServerKey
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";

    public Guid Id { get; set; }

    /// <summary><see cref="Signing"/> or <see cref="Encryption"/>.</summary>
    public string Use { get; set; } = "";

    /// <summary>
    /// The private key (PKCS#8 PEM), encrypted with the <see cref="KeyEncryptionKey"/>. A key written
    /// before keys were encrypted is still PEM here until the next start encrypts it in place.
    /// </summary>
    public string PrivateKey { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it starts to sign (or encrypt); until then a signing key is only published.</summary>
    public DateTimeOffset ActiveFrom { get; set; }
}
