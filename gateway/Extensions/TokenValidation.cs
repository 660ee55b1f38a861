using Microsoft.AspNetCore.Authentication;

namespace CustomerPlatform.Gateway;

/// <summary>
/// The gateway checks every bearer token sent to <c>/api/**</c> and answers 401 itself when one is
/// forged, expired or for another audience, so no service sees a bad token. It does not decide who
/// may call what: a request without a token passes (sign-up and the other anonymous Identity routes
/// need none), and each service's endpoints require their own roles, where the rules live.
/// </summary>
internal static class TokenValidation
{
    public static IApplicationBuilder UseTokenValidation(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/api")
            && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var result = await context.AuthenticateAsync();
            if (!result.Succeeded)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                await Results.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "The access token is not valid.",
                    detail: "Sign in again to get a new token.").ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    });
}
