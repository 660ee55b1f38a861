using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace CustomerPlatform.Identity;

/// <summary>
/// Loads the server's RSA keys from identitydb, creating them the first time. Replicas starting
/// together may each generate a key, but <c>INSERT ... ON CONFLICT DO NOTHING</c> keeps the first
/// and everyone then reads that one, so all replicas sign with the same key across restarts.
/// </summary>
public sealed class ServerKeyStore(IServiceScopeFactory scopes, TimeProvider time)
{
    private const int KeySize = 2048;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ServerKeys? _keys;

    /// <summary>The keys, loading them on first use (normally <see cref="ServerKeyLoader"/> did at start).</summary>
    public ServerKeys Keys => _keys ?? LoadAsync(CancellationToken.None).GetAwaiter().GetResult();

    public async Task<ServerKeys> LoadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_keys is not null)
                return _keys;

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            var rows = await db.ServerKeys.AsNoTracking().ToDictionaryAsync(k => k.Use, cancellationToken);
            if (!rows.ContainsKey(ServerKey.Signing) || !rows.ContainsKey(ServerKey.Encryption))
            {
                foreach (var use in new[] { ServerKey.Signing, ServerKey.Encryption }.Where(u => !rows.ContainsKey(u)))
                {
                    using var rsa = RSA.Create(KeySize);
                    var pem = rsa.ExportPkcs8PrivateKeyPem();
                    var now = time.GetUtcNow();
                    await db.Database.ExecuteSqlAsync(
                        $"INSERT INTO server_keys (use, private_key_pem, created_at) VALUES ({use}, {pem}, {now}) ON CONFLICT (use) DO NOTHING",
                        cancellationToken);
                }
                rows = await db.ServerKeys.AsNoTracking().ToDictionaryAsync(k => k.Use, cancellationToken);
            }

            _keys = new ServerKeys(ToKey(rows[ServerKey.Signing]), ToKey(rows[ServerKey.Encryption]));
            return _keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    // The key id is derived from the public key, so every replica publishes and uses the same "kid".
    private static RsaSecurityKey ToKey(ServerKey row)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(row.PrivateKeyPem);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var id = Base64UrlEncoder.Encode(SHA256.HashData([.. parameters.Modulus!, .. parameters.Exponent!]))[..22];
        return new RsaSecurityKey(rsa) { KeyId = $"{row.Use[..3]}-{id}" };
    }
}
