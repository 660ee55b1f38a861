namespace CustomerPlatform.Gateway;

/// <summary>
/// Adds the browser security headers to every response, proxied or not, overriding whatever a
/// service sent, so the policy lives in one place.
/// </summary>
internal static class SecurityHeaders
{
    // The gateway serves the API and the app from one origin: everything comes from 'self', nothing may
    // frame the app, and plugins and <base> tricks are off. No inline script runs; WebAssembly may be
    // compiled ('wasm-unsafe-eval', which allows no JavaScript eval), and the component library sets
    // style attributes (styles only, never script).
    private const string ScriptSources = "script-src 'self' 'wasm-unsafe-eval'";
    private const string OtherSources =
        "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    private const string ContentSecurityPolicy = "default-src 'self'; " + ScriptSources + OtherSources;

    private const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    private static readonly object ScriptHashKey = new();

    /// <summary>Allows one inline script, by its hash (<c>'sha256-…'</c>), on this response only.</summary>
    public static void AllowScript(HttpContext context, string hash) => context.Items[ScriptHashKey] = hash;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            // The constant on every response but a page's, which adds its one script's hash.
            headers.ContentSecurityPolicy = context.Items.TryGetValue(ScriptHashKey, out var hash)
                ? $"default-src 'self'; {ScriptSources} {hash}{OtherSources}"
                : ContentSecurityPolicy;
            headers["Permissions-Policy"] = PermissionsPolicy;

            // Browsers ignore HSTS over plain http, and sending it there would pin a dev host to https.
            if (context.Request.IsHttps)
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";

            return Task.CompletedTask;
        });
        return next(context);
    });
}
