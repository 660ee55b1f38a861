using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CustomerPlatform.Identity;

/// <summary>
/// The secret that encrypts Identity's private keys at rest: the OpenID Connect server's signing and
/// encryption keys (<c>server_keys</c>) and the ASP.NET Core data-protection key ring
/// (<c>data_protection_keys</c>). It is configured as <c>Identity:KeyEncryptionKey</c> (the AppHost
/// generates it into a file outside the database and gives it to every replica), so a copy of
/// identitydb alone reveals no key. AES-256-GCM with a key derived from the secret by HKDF-SHA256
/// (ADR-016).
/// </summary>
public sealed class KeyEncryptionKey
{
    public const string ConfigurationKey = "Identity:KeyEncryptionKey";

    /// <summary>What every protected value starts with: the scheme, so a later one can be told apart.</summary>
    public const string Prefix = "kek1.";

    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Info = "customerplatform-identity key encryption"u8.ToArray();

    private readonly byte[] _key;

    public KeyEncryptionKey(string secret)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Trim().Length < 32)
            throw new InvalidOperationException($"{ConfigurationKey} must be a secret of at least 32 characters (the AppHost generates one).");
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret.Trim()), 32, salt: [], info: Info);
    }

    public static KeyEncryptionKey FromConfiguration(IConfiguration configuration) =>
        new(configuration[ConfigurationKey] ?? throw new InvalidOperationException(
            $"{ConfigurationKey} is not set: Identity will not keep its private keys unencrypted (the AppHost sets it)."));

    /// <summary><see cref="Prefix"/> and base64url(nonce ‖ tag ‖ ciphertext); <paramref name="purpose"/> is bound as associated data.</summary>
    public string Protect(string plaintext, string purpose)
    {
        var clear = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + TagSize + clear.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, clear, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(purpose));
        CryptographicOperations.ZeroMemory(clear);
        return Prefix + Base64Url.EncodeToString(sealedBytes);
    }

    public static bool IsProtected(string value) => value.StartsWith(Prefix, StringComparison.Ordinal);

    public string Unprotect(string value, string purpose)
    {
        if (!IsProtected(value))
            throw new CryptographicException("The value is not protected by the key-encryption key.");
        var sealedBytes = Base64Url.DecodeFromChars(value.AsSpan(Prefix.Length));
        if (sealedBytes.Length < NonceSize + TagSize)
            throw new CryptographicException("The protected value is truncated.");
        var clear = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), clear, Encoding.UTF8.GetBytes(purpose));
        try
        {
            return Encoding.UTF8.GetString(clear);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(clear);
        }
    }
}
