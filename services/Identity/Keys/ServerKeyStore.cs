using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CustomerPlatform.Identity;

/// <summary>
/// The server's RSA keys, kept in identitydb encrypted with the <see cref="KeyEncryptionKey"/> and
/// rotated on a schedule (ADR-016). <see cref="RefreshAsync"/> runs at start (inside the startup lock)
/// and then every <see cref="ServerKeySettings.RefreshInterval"/> on every replica: under a PostgreSQL
/// advisory lock it makes the first keys, makes the next ones when a rotation is due (active only
/// after <see cref="ServerKeySettings.PublicationLead"/>, so the JWKS shows a key before it signs),
/// encrypts any key left in clear by an older version, and deletes keys no token can need any more;
/// then it reads the ring.
/// </summary>
public sealed class ServerKeyStore(
    IServiceScopeFactory scopes, TimeProvider time, KeyEncryptionKey encryptionKey, IOptions<IdentitySettings> options, ILogger<ServerKeyStore> logger)
{
    private const int KeySize = 2048;
    private const long RotationLockId = 0x1D_4E75;
    /// <summary>What the <see cref="KeyEncryptionKey"/> binds to a server key's ciphertext.</summary>
    public const string Purpose = "server key";

    /// <summary>Codes live 5 minutes; clocks of replicas and services may disagree by as much.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<Guid, RsaSecurityKey> _opened = [];
    private ServerKeyRing? _ring;

    private ServerKeySettings Settings => options.Value.Keys;

    /// <summary>How long a retired key keeps validating: the longest a token it protected can live.</summary>
    private TimeSpan Retention =>
        (options.Value.RefreshTokenLifetime > options.Value.AccessTokenLifetime ? options.Value.RefreshTokenLifetime : options.Value.AccessTokenLifetime) + Slack;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The ring as last read (normally read at start, before the first request).</summary>
    public ServerKeyRing Ring => _ring ?? RefreshAsync(CancellationToken.None).GetAwaiter().GetResult();

    public async Task<ServerKeyRing> RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            var rows = await MaintainAsync(db, cancellationToken);
            foreach (var gone in _opened.Keys.Except(rows.Select(r => r.Id)).ToList())
                _opened.Remove(gone);
            _ring = ServerKeyRing.Create(rows.Select(row => (row.Use, Open(row), row.ActiveFrom)));
            return _ring;
        }
        finally
        {
            _gate.Release();
        }
    }

    // The rows as they are once the transaction commits: what the ring is made of.
    private Task<List<ServerKey>> MaintainAsync(IdentityDbContext db, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async () =>
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RotationLockId})", cancellationToken);
            var now = Now;
            var rows = await db.ServerKeys.ToListAsync(cancellationToken);

            foreach (var use in new[] { ServerKey.Signing, ServerKey.Encryption })
            {
                var ofUse = rows.Where(r => r.Use == use).OrderBy(r => r.ActiveFrom).ToList();
                if (ofUse.Count == 0)
                {
                    // The very first key: nothing was signed before it, so it is active at once.
                    rows.Add(db.ServerKeys.Add(NewKey(use, now, now)).Entity);
                    continue;
                }

                var latest = ofUse[^1].ActiveFrom;
                if (latest <= now && latest + Settings.RotationPeriod - Settings.PublicationLead <= now)
                {
                    var activeFrom = Max(now + Settings.PublicationLead, latest + Settings.RotationPeriod);
                    rows.Add(db.ServerKeys.Add(NewKey(use, now, activeFrom)).Entity);
                    logger.LogInformation("Made a new {Use} key, published now and active from {ActiveFrom:o}", use, activeFrom);
                }

                // A key retired longer ago than any token it protected can live is of no use to anyone.
                for (var i = 0; i + 1 < ofUse.Count; i++)
                {
                    if (ofUse[i + 1].ActiveFrom + Retention < now)
                        rows.Remove(db.ServerKeys.Remove(ofUse[i]).Entity);
                }
            }

            foreach (var clear in rows.Where(r => !KeyEncryptionKey.IsProtected(r.PrivateKey)))
                clear.PrivateKey = encryptionKey.Protect(clear.PrivateKey, Purpose);
            return rows;
        }, cancellationToken);

    private ServerKey NewKey(string use, DateTimeOffset now, DateTimeOffset activeFrom)
    {
        using var rsa = RSA.Create(KeySize);
        return new ServerKey
        {
            Id = Guid.CreateVersion7(now),
            Use = use,
            PrivateKey = encryptionKey.Protect(rsa.ExportPkcs8PrivateKeyPem(), Purpose),
            CreatedAt = now,
            ActiveFrom = activeFrom,
        };
    }

    // Opened once per process: the same instance keeps IdentityModel's signature provider cache warm.
    // The key id is derived from the public key, so every replica publishes and uses the same "kid".
    private RsaSecurityKey Open(ServerKey row)
    {
        if (_opened.TryGetValue(row.Id, out var opened))
            return opened;

        var rsa = RSA.Create();
        rsa.ImportFromPem(KeyEncryptionKey.IsProtected(row.PrivateKey) ? encryptionKey.Unprotect(row.PrivateKey, Purpose) : row.PrivateKey);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var id = Base64UrlEncoder.Encode(SHA256.HashData([.. parameters.Modulus!, .. parameters.Exponent!]))[..22];
        var key = new RsaSecurityKey(rsa) { KeyId = $"{row.Use[..3]}-{id}" };
        _opened[row.Id] = key;
        return key;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
