using Microsoft.IdentityModel.Tokens;

namespace CustomerPlatform.Identity;

/// <summary>One key of the ring: it signs (or encrypts) from <see cref="ActiveFrom"/> until the next one of its use is active.</summary>
public sealed record RingKey(RsaSecurityKey Key, DateTimeOffset ActiveFrom);

/// <summary>
/// The server's keys as one replica last read them from identitydb, after <see cref="ServerKeyStore"/>
/// deleted those no token can need any more: every key here still validates (the next one included,
/// already published, so a replica whose clock runs ahead may sign with it). Every replica reads the
/// same rows and picks the current key by time, so all of them switch at the same moment (ADR-016).
/// </summary>
public sealed class ServerKeyRing
{
    private ServerKeyRing(IReadOnlyList<RingKey> signing, IReadOnlyList<RingKey> encryption)
    {
        Signing = signing;
        Encryption = encryption;
        SigningKeys = [.. signing.Select(k => k.Key)];
        EncryptionKeys = [.. encryption.Select(k => k.Key)];
    }

    /// <summary>Signing keys, oldest first.</summary>
    public IReadOnlyList<RingKey> Signing { get; }

    /// <summary>Encryption keys (codes and refresh tokens), oldest first.</summary>
    public IReadOnlyList<RingKey> Encryption { get; }

    /// <summary>What validates a token and what the JWKS publishes.</summary>
    public IReadOnlyList<RsaSecurityKey> SigningKeys { get; }

    /// <summary>What decrypts a code or a refresh token.</summary>
    public IReadOnlyList<RsaSecurityKey> EncryptionKeys { get; }

    public static ServerKeyRing Create(IEnumerable<(string Use, RsaSecurityKey Key, DateTimeOffset ActiveFrom)> keys)
    {
        var all = keys.ToList();
        return new ServerKeyRing(Chain(all, ServerKey.Signing), Chain(all, ServerKey.Encryption));

        static List<RingKey> Chain(List<(string Use, RsaSecurityKey Key, DateTimeOffset ActiveFrom)> all, string use)
        {
            var ordered = all.Where(k => k.Use == use).OrderBy(k => k.ActiveFrom).Select(k => new RingKey(k.Key, k.ActiveFrom)).ToList();
            return ordered.Count > 0 ? ordered : throw new InvalidOperationException($"identitydb holds no {use} key.");
        }
    }

    public RsaSecurityKey CurrentSigning(DateTimeOffset now) => Current(Signing, now);

    public RsaSecurityKey CurrentEncryption(DateTimeOffset now) => Current(Encryption, now);

    private static RsaSecurityKey Current(IReadOnlyList<RingKey> keys, DateTimeOffset now) =>
        (keys.LastOrDefault(k => k.ActiveFrom <= now) ?? keys[0]).Key;
}
