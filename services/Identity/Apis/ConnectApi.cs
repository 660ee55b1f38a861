using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CustomerPlatform.Identity;

/// <summary>
/// The OpenID Connect endpoints OpenIddict hands to us after validating the protocol: the token
/// endpoint (password, code, refresh and the stores' client-credentials grants), the authorization endpoint (code + PKCE, signing
/// in through <see cref="SignInPage"/>) and the end-session endpoint.
/// </summary>
public static class ConnectApi
{
    public const string TokenPath = "/connect/token";
    public const string AuthorizePath = "/connect/authorize";
    public const string EndSessionPath = "/connect/endsession";
    public const string RevocationPath = "/connect/revoke";

    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(TokenPath, Token).WithName("Token").WithSummary("OAuth 2.0 token endpoint").WithTags("OpenID Connect");
        app.MapMethods(AuthorizePath, ["GET", "POST"], (Delegate)Authorize).WithName("Authorize").WithSummary("OpenID Connect authorization endpoint").WithTags("OpenID Connect");
        app.MapMethods(EndSessionPath, ["GET", "POST"], (Delegate)EndSession).WithName("EndSession").WithSummary("Sign out").WithTags("OpenID Connect");
        return app;
    }

    public static async Task<Results<SignInHttpResult, ForbidHttpResult, ProblemHttpResult>> Token(
        HttpContext context, SignInService signIn, TokenPrincipalFactory principals, UserManager<PlatformUser> users,
        RateLimiter limiter, ILookupNormalizer normalizer, IOptions<RateLimitSettings> limits, IOpenIddictApplicationManager applications,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsPasswordGrantType())
        {
            var email = normalizer.NormalizeEmail(request.Username?.Trim() ?? "");
            if (await IdentityApi.TooManyAsync(context, limiter, "sign-in", limits.Value.SignIn, email, cancellationToken) is { } tooMany)
                return tooMany;

            var (outcome, user) = await signIn.CheckAsync(request.Username, request.Password, cancellationToken);
            return outcome switch
            {
                SignInOutcome.Succeeded => SignIn(await principals.CreateAsync(user!, request.GetScopes(), cancellationToken)),
                SignInOutcome.NotVerified => Refuse(SignInService.NotVerifiedMessage),
                _ => Refuse(SignInService.RefusedMessage),
            };
        }

        if (request.IsClientCredentialsGrantType())
        {
            // A store (ClientSeeder): OpenIddict has checked its secret and that it may have the scopes it asked for.
            var store = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken);
            return SignIn(principals.CreateForClient(request.ClientId!,
                store is null ? null : await applications.GetDisplayNameAsync(store, cancellationToken), request.GetScopes()));
        }

        // Code and refresh grants: OpenIddict has validated the code or refresh token (and, with
        // rotation, redeemed it); the account must still be usable.
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var account = await users.FindByIdAsync(result.Principal?.GetClaim(Claims.Subject) ?? "");
        if (account is null || !account.EmailConfirmed || account.LockoutEnd > time.GetUtcNow())
            return Refuse("The account can no longer sign in.");
        return SignIn(await principals.CreateAsync(account, result.Principal!.GetScopes(), cancellationToken, result.Principal!.GetClaim(Claims.AuthenticationTime)));
    }

    /// <summary>
    /// Signs the user in to the client with their sign-in session, or sends them to the sign-in page.
    /// <c>prompt=login</c> asks for the password again whatever the session, and <c>max_age</c> when the
    /// session's sign-in (<c>auth_time</c>, carried into the id token) is older; the page then returns
    /// to this request without them, so the fresh sign-in is not asked for twice. <c>prompt=none</c>
    /// never shows the page: <c>login_required</c> goes back to the client.
    /// </summary>
    public static async Task<Results<SignInHttpResult, ForbidHttpResult, ChallengeHttpResult>> Authorize(
        HttpContext context, TokenPrincipalFactory principals, UserManager<PlatformUser> users, TimeProvider time, CancellationToken cancellationToken)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await context.AuthenticateAsync(SignInPage.CookieScheme);
        var account = session.Succeeded ? await users.FindByIdAsync(session.Principal.GetClaim(Claims.Subject) ?? "") : null;
        var authenticatedAt = session.Succeeded ? session.Principal.GetClaim(Claims.AuthenticationTime) : null;
        var usable = account is not null && account.EmailConfirmed && !(account.LockoutEnd > time.GetUtcNow());
        var tooOld = request.MaxAge is { } maxAge
            && (!long.TryParse(authenticatedAt, out var signedInAt) || time.GetUtcNow().ToUnixTimeSeconds() - signedInAt > maxAge);
        if (!usable || tooOld || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
                return TypedResults.Forbid(ErrorProperties(Errors.LoginRequired, "The user must sign in."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

            // To the sign-in page, which comes back here with the same request once signed in.
            var again = request.GetParameters()
                .Where(p => p.Key is not (Parameters.Prompt or Parameters.MaxAge))
                .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value.ToString()));
            return TypedResults.Challenge(
                new AuthenticationProperties { RedirectUri = context.Request.PathBase + AuthorizePath + QueryString.Create(again) },
                [SignInPage.CookieScheme]);
        }

        // First-party clients only: consent is implicit.
        return SignIn(await principals.CreateAsync(account!, request.GetScopes(), cancellationToken, authenticatedAt));
    }

    public static async Task<SignOutHttpResult> EndSession(HttpContext context)
    {
        await context.SignOutAsync(SignInPage.CookieScheme);
        return TypedResults.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static SignInHttpResult SignIn(System.Security.Claims.ClaimsPrincipal principal) =>
        TypedResults.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static ForbidHttpResult Refuse(string description) =>
        TypedResults.Forbid(ErrorProperties(Errors.InvalidGrant, description), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static AuthenticationProperties ErrorProperties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
