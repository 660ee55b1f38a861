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
    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = issuer };
        var ring = store.Ring;
        foreach (var key in ring.Valid(ring.Signing, store.Now))
            configuration.SigningKeys.Add(key);
        return Task.FromResult(configuration);
    }

    public void RequestRefresh()
    {
    }
}
