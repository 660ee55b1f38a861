namespace CustomerPlatform.Gateway;

/// <summary>
/// The app (web/, Blazor WebAssembly) served by the gateway: its files as static assets (fingerprinted,
/// cached, compressed) and its pages at explicit routes, each answered with the app's index.html so a
/// link from an email opens the right page. Any other path stays a 404.
/// </summary>
internal static class AppPages
{
    /// <summary>Every page of the app, and every link the platform's emails carry.</summary>
    public static readonly string[] Routes =
    [
        "/",
        "/sign-up",
        "/signed-out",
        "/verify-email",
        "/forgot-password",
        "/reset-password",
        "/confirm-email-change",
        "/account/{**rest}",
        "/onboarding/{**rest}",
        "/support/{**rest}",
        "/notifications/{**rest}",
        "/settings/notifications",
        "/training/{**rest}",
        "/staff/{**rest}",
    ];

    public static IEndpointRouteBuilder MapAppPages(this IEndpointRouteBuilder app)
    {
        app.MapStaticAssets();
        foreach (var route in Routes)
            app.MapFallbackToFile(route, "index.html");
        return app;
    }
}
