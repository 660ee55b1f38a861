using System.Collections.Immutable;
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

    public async Task<ClaimsPrincipal> CreateAsync(PlatformUser user, IEnumerable<string> requestedScopes, CancellationToken cancellationToken)
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

        var scopes = requestedScopes.Intersect(SupportedScopes).ToImmutableArray();
        identity.SetScopes(scopes);
        if (scopes.Contains(AuthenticationExtensions.ApiScope))
            identity.SetResources(AuthenticationExtensions.ApiAudience);
        identity.SetDestinations(claim => Destinations(claim, scopes));
        return new ClaimsPrincipal(identity);
    }

    // Access tokens always carry who the caller is; the identity token only what its scopes asked for.
    private static IEnumerable<string> Destinations(Claim claim, ImmutableArray<string> scopes)
    {
        yield return OpenIddictConstants.Destinations.AccessToken;
        var scope = claim.Type switch
        {
            Claims.Subject => Scopes.OpenId,
            Claims.Name => Scopes.Profile,
            Claims.Email or Claims.EmailVerified => Scopes.Email,
            Claims.Role => Scopes.Roles,
            _ => null,
        };
        if (scope is not null && scopes.Contains(scope))
            yield return OpenIddictConstants.Destinations.IdentityToken;
    }
}
