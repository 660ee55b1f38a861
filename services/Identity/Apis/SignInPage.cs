using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CustomerPlatform.Identity;

/// <summary>
/// The sign-in page of the authorization code flow, served by Identity under /connect (which the
/// gateway already routes here). It checks credentials exactly as the token endpoint does (same
/// lockout, rate limits and answers), then sets a session cookie scoped to /connect and returns to
/// the authorization request.
/// </summary>
public static class SignInPage
{
    public const string CookieScheme = "Identity.SignIn";
    public const string Path = "/connect/signin";
    public const string StylesheetPath = "/connect/signin.css";

    public static IEndpointRouteBuilder MapSignInPage(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Show).WithName("ShowSignInPage").WithSummary("The sign-in form").WithTags("OpenID Connect").ExcludeFromDescription();
        app.MapPost(Path, Submit).WithName("SubmitSignInPage").WithSummary("Sign in with email and password").WithTags("OpenID Connect").ExcludeFromDescription();
        app.MapGet(StylesheetPath, () => TypedResults.Text(SignInPageHtml.Stylesheet, "text/css")).ExcludeFromDescription();
        return app;
    }

    public static ContentHttpResult Show(HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
        Page(context, antiforgery, LocalUrl.OrRoot(returnUrl), email: null, error: null, StatusCodes.Status200OK);

    public static async Task<Results<RedirectHttpResult, ContentHttpResult>> Submit(
        HttpContext context, IAntiforgery antiforgery, SignInService signIn, RateLimiter limiter, ILookupNormalizer normalizer,
        IOptions<RateLimitSettings> limits, TimeProvider time, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var returnUrl = LocalUrl.OrRoot(form["returnUrl"]);
        var email = form["email"].ToString().Trim();
        if (!await antiforgery.IsRequestValidAsync(context))
            return Page(context, antiforgery, returnUrl, email, "The form expired; please try again.", StatusCodes.Status400BadRequest);

        if (await IdentityApi.TooManyAsync(context, limiter, "sign-in", limits.Value.SignIn, normalizer.NormalizeEmail(email), cancellationToken) is { } tooMany)
            return Page(context, antiforgery, returnUrl, email, tooMany.ProblemDetails.Detail, StatusCodes.Status429TooManyRequests);

        var (outcome, user) = await signIn.CheckAsync(email, form["password"], cancellationToken);
        if (outcome != SignInOutcome.Succeeded)
        {
            var message = outcome == SignInOutcome.NotVerified
                ? SignInService.NotVerifiedMessage + " Use the link we emailed you, or ask for a new one."
                : SignInService.RefusedMessage;
            return Page(context, antiforgery, returnUrl, email, message, StatusCodes.Status400BadRequest);
        }

        var identity = new ClaimsIdentity(CookieScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user!.Id.ToString()));
        identity.AddClaim(new Claim(Claims.Name, user.DisplayName));
        identity.AddClaim(new Claim(Claims.AuthenticationTime, time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        await context.SignInAsync(CookieScheme, new ClaimsPrincipal(identity));
        return TypedResults.LocalRedirect(returnUrl);
    }

    private static ContentHttpResult Page(HttpContext context, IAntiforgery antiforgery, string returnUrl, string? email, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Content(SignInPageHtml.Render(returnUrl, email, error, tokens), "text/html; charset=utf-8", statusCode: status);
    }
}
