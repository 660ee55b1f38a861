using System.Collections.Immutable;
using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CustomerPlatform.Identity;

/// <summary>
/// The identity OpenIddict turns into tokens, built from the user's current row on every grant
/// (password, code, refresh), so a changed name or role reaches the next access token.
/// </summary>
public sealed class TokenPrincipalFactory(IdentityDbContext db, TimeProvider time)
{
    public static readonly ImmutableArray<string> SupportedScopes =
        [Scopes.OpenId, Scopes.Email, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess, AuthenticationExtensions.ApiScope];

    /// <param name="authenticatedAt">When the user last signed in with their password (the id token's <c>auth_time</c>), if known.</param>
    public async Task<ClaimsPrincipal> CreateAsync(PlatformUser user, IEnumerable<string> requestedScopes, CancellationToken cancellationToken, string? authenticatedAt = null)
    {
        var roles = await db.UserRoles.Where(ur => ur.UserId == user.Id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(cancellationToken);

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id.ToString())
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.EmailVerified, user.EmailConfirmed)
            .SetClaim(Claims.Name, user.DisplayName)
            .SetClaims(Claims.Role, [.. roles])
            .SetClaim(AuthenticationExtensions.IssuedAtMillisecondsClaim, time.GetUtcNow().ToUnixTimeMilliseconds());

        // A number in the token, as OpenID Connect defines it (OpenIddict refuses it as a string).
        if (long.TryParse(authenticatedAt, NumberStyles.Integer, CultureInfo.InvariantCulture, out var signedInAt))
            identity.SetClaim(Claims.AuthenticationTime, signedInAt);

        var scopes = requestedScopes.Intersect(SupportedScopes).ToImmutableArray();
        identity.SetScopes(scopes);
        if (scopes.Contains(AuthenticationExtensions.ApiScope))
            identity.SetResources(AuthenticationExtensions.ApiAudience);
        identity.SetDestinations(claim => Destinations(claim, scopes));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// A store's token (client credentials): the client as its subject, no person, no roles; with the
    /// <c>store</c> scope it is for the platform's APIs, whose default policy still refuses it (a person's routes).
    /// </summary>
    public ClaimsPrincipal CreateForClient(string clientId, string? displayName, IEnumerable<string> requestedScopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, clientId)
            .SetClaim(Claims.ClientId, clientId)
            .SetClaim(Claims.Name, displayName ?? clientId)
            .SetClaim(AuthenticationExtensions.IssuedAtMillisecondsClaim, time.GetUtcNow().ToUnixTimeMilliseconds());
        var scopes = requestedScopes.Where(scope => scope == AuthenticationExtensions.StoreScope).ToImmutableArray();
        identity.SetScopes(scopes);
        if (scopes.Length > 0)
            identity.SetResources(AuthenticationExtensions.ApiAudience);
        identity.SetDestinations(_ => [OpenIddictConstants.Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    // Access tokens always carry who the caller is; the identity token only what its scopes asked for.
    private static IEnumerable<string> Destinations(Claim claim, ImmutableArray<string> scopes)
    {
        yield return OpenIddictConstants.Destinations.AccessToken;
        var scope = claim.Type switch
        {
            Claims.Subject or Claims.AuthenticationTime => Scopes.OpenId,
            Claims.Name => Scopes.Profile,
            Claims.Email or Claims.EmailVerified => Scopes.Email,
            Claims.Role => Scopes.Roles,
            _ => null,
        };
        if (scope is not null && scopes.Contains(scope))
            yield return OpenIddictConstants.Destinations.IdentityToken;
    }
}
