using Microsoft.IdentityModel.Tokens;

namespace CustomerPlatform.Identity;

/// <summary>One key of the ring: it signs (or encrypts) from <see cref="ActiveFrom"/> until <see cref="RetiredAt"/>, when the next one takes over.</summary>
public sealed record RingKey(RsaSecurityKey Key, DateTimeOffset ActiveFrom, DateTimeOffset? RetiredAt);

/// <summary>
/// The server's keys as one replica last read them from identitydb. Every replica reads the same rows
/// and picks by time, so all of them switch to a new key at the same moment (ADR-016).
/// </summary>
public sealed class ServerKeyRing
{
    private ServerKeyRing(IReadOnlyList<RingKey> signing, IReadOnlyList<RingKey> encryption, TimeSpan retention)
    {
        Signing = signing;
        Encryption = encryption;
        Retention = retention;
    }

    /// <summary>Signing keys, oldest first.</summary>
    public IReadOnlyList<RingKey> Signing { get; }

    /// <summary>Encryption keys (codes and refresh tokens), oldest first.</summary>
    public IReadOnlyList<RingKey> Encryption { get; }

    /// <summary>How long a retired key still validates: the longest a token it protected can live.</summary>
    public TimeSpan Retention { get; }

    public static ServerKeyRing Create(IEnumerable<(string Use, RsaSecurityKey Key, DateTimeOffset ActiveFrom)> keys, TimeSpan retention)
    {
        var all = keys.ToList();
        return new ServerKeyRing(Chain(all, ServerKey.Signing), Chain(all, ServerKey.Encryption), retention);

        static List<RingKey> Chain(List<(string Use, RsaSecurityKey Key, DateTimeOffset ActiveFrom)> all, string use)
        {
            var ordered = all.Where(k => k.Use == use).OrderBy(k => k.ActiveFrom).ToList();
            if (ordered.Count == 0)
                throw new InvalidOperationException($"identitydb holds no {use} key.");
            return [.. ordered.Select((k, i) => new RingKey(k.Key, k.ActiveFrom, i + 1 < ordered.Count ? ordered[i + 1].ActiveFrom : null))];
        }
    }

    public RsaSecurityKey CurrentSigning(DateTimeOffset now) => Current(Signing, now);

    public RsaSecurityKey CurrentEncryption(DateTimeOffset now) => Current(Encryption, now);

    /// <summary>
    /// Keys that still validate (or decrypt): the current one, the next (already published, so a replica
    /// whose clock runs ahead may sign with it) and retired ones until their tokens have expired.
    /// </summary>
    public IEnumerable<RsaSecurityKey> Valid(IReadOnlyList<RingKey> keys, DateTimeOffset now) =>
        keys.Where(k => k.RetiredAt is not { } retired || retired + Retention > now).Select(k => k.Key);

    private static RsaSecurityKey Current(IReadOnlyList<RingKey> keys, DateTimeOffset now) =>
        (keys.LastOrDefault(k => k.ActiveFrom <= now) ?? keys[0]).Key;
}
