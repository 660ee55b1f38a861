namespace CustomerPlatform.Identity;

/// <summary>
/// One of the OpenID Connect server's RSA keys (token signing or encryption), generated once by
/// whichever replica starts first and then shared by every replica and every restart, so issued
/// tokens stay valid.
/// </summary>
public sealed class ServerKey
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";

    /// <summary><see cref="Signing"/> or <see cref="Encryption"/>.</summary>
    public string Use { get; set; } = "";

    /// <summary>The private key, PKCS#8 PEM.</summary>
    public string PrivateKeyPem { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
