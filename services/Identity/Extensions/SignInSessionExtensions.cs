namespace CustomerPlatform.Identity;

internal static class SignInSessionExtensions
{
    /// <summary>
    /// The session of the sign-in page: a cookie only /connect ever sees (authorize, sign-in,
    /// end-session), HttpOnly and SameSite=Lax, so the app's own API calls never carry it.
    /// </summary>
    public static void AddSignInSession(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication().AddCookie(SignInPage.CookieScheme, cookie =>
        {
            cookie.LoginPath = SignInPage.Path;
            cookie.ReturnUrlParameter = "returnUrl";
            cookie.Cookie.Name = "cp_signin";
            cookie.Cookie.Path = "/connect";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "cp_antiforgery";
            antiforgery.Cookie.Path = "/connect";
        });
    }
}
