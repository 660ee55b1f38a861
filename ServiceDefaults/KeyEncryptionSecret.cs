using Microsoft.Extensions.Configuration;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CustomerPlatform.ServiceDefaults;

/// <summary>
/// A secret, kept apart from the store it protects (the AppHost generates it into a file of the data folder;
/// a deployment takes it from its secret store), that encrypts a process's private keys at rest: AES-256-GCM
/// with a key derived from the secret by HKDF-SHA256, each value bound to its purpose as associated data
/// (ADR-016). Identity's server keys and data-protection key ring, and the gateway's key ring, use one each.
/// </summary>
public abstract class KeyEncryptionSecret
{
    /// <summary>What every protected value starts with: the scheme, so a later one can be told apart.</summary>
    public const string Prefix = "kek1.";

    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _key;

    /// <param name="configurationKey">The setting the secret comes from, named when it is missing or weak.</param>
    /// <param name="owner">Whose secret it is (<c>identity</c>, <c>gateway</c>): part of the key derivation, so no two owners share a key.</param>
    protected KeyEncryptionSecret(string secret, string configurationKey, string owner)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Trim().Length < 32)
            throw new InvalidOperationException($"{configurationKey} must be a secret of at least 32 characters (the AppHost generates one).");
        Setting = configurationKey;
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret.Trim()), 32, salt: [],
            info: Encoding.UTF8.GetBytes($"customerplatform-{owner} key encryption"));
    }

    /// <summary>The setting the secret comes from.</summary>
    public string Setting { get; }

    /// <summary>The secret configured at <paramref name="configurationKey"/>; the process refuses to start without it.</summary>
    protected static string Read(IConfiguration configuration, string configurationKey, string owner) =>
        configuration[configurationKey] ?? throw new InvalidOperationException(
            $"{configurationKey} is not set: the {owner} will not keep its private keys unencrypted (the AppHost sets it).");

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
