using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CustomerPlatform.Identity;

/// <summary>
/// Identity validates its own access tokens (for <c>/api/identity/me</c>) with the same JWT bearer
/// handler as every service, but reads the signing key from its own store instead of fetching its
/// JWKS over HTTP from itself.
/// </summary>
public sealed class LocalServerConfiguration(ServerKeyStore store, string? issuer) : IConfigurationManager<OpenIdConnectConfiguration>
{
    // Made again only when the ring was read again (once a minute), not on every request. One reference,
    // swapped whole: requests read it concurrently and must never pair a ring with another ring's keys.
    private volatile Built? _last;

    private sealed record Built(ServerKeyRing Ring, OpenIdConnectConfiguration Configuration);

    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var ring = store.Ring;
        if (_last is { } last && ReferenceEquals(last.Ring, ring))
            return Task.FromResult(last.Configuration);

        var configuration = new OpenIdConnectConfiguration { Issuer = issuer };
        foreach (var key in ring.SigningKeys)
            configuration.SigningKeys.Add(key);
        _last = new Built(ring, configuration);
        return Task.FromResult(configuration);
    }

    public void RequestRefresh()
    {
    }
}
