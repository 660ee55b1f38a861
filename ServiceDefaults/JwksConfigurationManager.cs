using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CustomerPlatform.ServiceDefaults;

/// <summary>
/// Identity's signing keys for the JWT bearer handler: its JWKS, read again every
/// <c>Identity:JwksRefreshInterval</c> (default 1 hour, well inside the 2 days for which Identity
/// publishes a key before it signs with it, ADR-016), and at once (at most every 5 seconds) when a
/// token names a key id not in it. IdentityModel's own manager cannot re-read more often than every
/// 5 minutes and, holding a configuration, re-reads in the background, so the request that met the
/// new key is refused anyway. While Identity cannot be reached, the keys read last stay in use.
/// </summary>
internal sealed class JwksConfigurationManager(
    string address, HttpClient client, string? issuer, TimeSpan refreshInterval, TimeProvider time, ILogger logger)
    : IConfigurationManager<OpenIdConnectConfiguration>
{
    private static readonly TimeSpan OnDemandMinimum = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _staleAt;
    private DateTimeOffset _lastOnDemand = DateTimeOffset.MinValue;

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        if (_current is { } fresh && time.GetUtcNow() < _staleAt)
            return fresh;

        await _gate.WaitAsync(cancel);
        try
        {
            if (_current is { } current && time.GetUtcNow() < _staleAt)
                return current;
            try
            {
                _current = await ReadAsync(cancel);
                _staleAt = time.GetUtcNow() + refreshInterval;
            }
            catch (Exception exception) when (_current is not null && exception is not OperationCanceledException)
            {
                logger.LogWarning("Identity's JWKS could not be read ({Reason}); using the keys read before", exception.GetBaseException().Message);
                _staleAt = time.GetUtcNow() + RetryAfterFailure;
            }
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A token named a key id not in the JWKS read last (the handler asks after refusing it).</summary>
    public void RequestRefresh()
    {
        var now = time.GetUtcNow();
        if (now - _lastOnDemand < OnDemandMinimum)
            return;
        _lastOnDemand = now;
        _staleAt = now;
    }

    private async Task<OpenIdConnectConfiguration> ReadAsync(CancellationToken cancel)
    {
        var keys = new JsonWebKeySet(await client.GetStringAsync(address, cancel));
        var configuration = new OpenIdConnectConfiguration { Issuer = issuer, JwksUri = address, JsonWebKeySet = keys };
        foreach (var key in keys.GetSigningKeys())
            configuration.SigningKeys.Add(key);
        return configuration;
    }
}
