using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CustomerPlatform.AppHost.Dashboard;

/// <summary>Exchanges the browser token from the login link (or the login form) for the session cookie.</summary>
internal static class LoginEndpoints
{
    private const string MessagePlaceholder = "<!--message-->";

    private static readonly string LoginPage = Encoding.UTF8.GetString(DashboardAssets.Get("login.html"));

    public static IEndpointRouteBuilder MapLogin(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/login", (HttpContext context, DashboardAccess access, string? t) => SignIn(context, access, t));

        // Reading the form by hand (not [FromForm]) keeps minimal APIs from demanding antiforgery services
        // for a form whose only field is the secret itself.
        routes.MapPost("/login", async (HttpContext context, DashboardAccess access) =>
        {
            var token = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync())["token"].ToString() : null;
            return SignIn(context, access, token);
        });

        return routes;
    }

    private static IResult SignIn(HttpContext context, DashboardAccess access, string? token)
    {
        if (string.IsNullOrEmpty(token))
            return Page(StatusCodes.Status200OK, message: null);

        if (!access.IsBrowserToken(token))
            return Page(StatusCodes.Status401Unauthorized, "That token is not valid. Use the login link the AppHost printed when it started.");

        access.SignIn(context.Response);
        return Results.Redirect("/");
    }

    private static IResult Page(int statusCode, string? message)
    {
        var html = message is null ? "" : $"<p class=\"login-error\" role=\"alert\">{HtmlEncoder.Default.Encode(message)}</p>";
        return Results.Content(LoginPage.Replace(MessagePlaceholder, html, StringComparison.Ordinal), "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }
}
