using Microsoft.AspNetCore.Http;

namespace CustomerPlatform.AppHost.Dashboard;

/// <summary>
/// The browser-token scheme: the token from the login link is exchanged once for an HttpOnly session cookie;
/// tools and tests send the token itself as a bearer token.
/// </summary>
internal sealed class DashboardAccess(string browserToken)
{
    public const string CookieName = "customerplatform-dashboard";

    /// <summary>
    /// The page's fetch calls send this header. A cross-site form cannot set a custom header, so requiring it
    /// on cookie-authenticated writes stops cross-site request forgery even where SameSite is not honoured.
    /// </summary>
    public const string AntiForgeryHeader = "X-Dashboard-Request";

    // The cookie carries its own random value rather than the token, so a leaked cookie does not reveal the
    // login link, and every AppHost run invalidates the sessions of the previous one.
    private readonly string _sessionKey = ConstantTime.NewSecret();

    public bool IsBrowserToken(string? candidate) => ConstantTime.AreEqual(candidate, browserToken);

    public void SignIn(HttpResponse response) =>
        response.Cookies.Append(CookieName, _sessionKey, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
        });

    public CallerCredential Identify(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)
            && IsBrowserToken(authorization[bearer.Length..].Trim()))
            return CallerCredential.BearerToken;

        return request.Cookies.TryGetValue(CookieName, out var session) && ConstantTime.AreEqual(session, _sessionKey)
            ? CallerCredential.Cookie
            : CallerCredential.None;
    }
}
