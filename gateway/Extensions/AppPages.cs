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

    /// <summary>
    /// <c>Gateway:AppRoot</c>: a folder holding <c>dotnet publish web</c>'s output (trimmed, brotli and gzip
    /// variants, its endpoints manifest), served instead of the build's assets. Unset: the web project's
    /// build output, as referenced at build time.
    /// </summary>
    public const string AppRootSetting = "Gateway:AppRoot";

    public static IEndpointRouteBuilder MapAppPages(this WebApplication app)
    {
        if (app.Configuration[AppRootSetting] is { Length: > 0 } root)
        {
            var webRoot = Path.Combine(Path.GetFullPath(root), "wwwroot");
            app.Environment.WebRootPath = webRoot;
            app.Environment.WebRootFileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(webRoot);
            app.MapStaticAssets(Path.Combine(Path.GetFullPath(root), "CustomerPlatform.Web.staticwebassets.endpoints.json"));
        }
        else
        {
            app.MapStaticAssets();
        }

        foreach (var route in Routes)
            app.MapFallbackToFile(route, "index.html");
        return app;
    }
}
