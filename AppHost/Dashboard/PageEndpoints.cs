using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CustomerPlatform.AppHost.Dashboard;

/// <summary>The single-page app: one HTML shell at / and its scripts, styles and icon under /assets.</summary>
internal static class PageEndpoints
{
    // Only these kinds are served from /assets; HTML pages have their own routes and their own auth rules.
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static IEndpointRouteBuilder MapDashboardPages(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", () => Results.Bytes(DashboardAssets.Get("index.html"), "text/html; charset=utf-8"));

        routes.MapGet("/assets/{file}", (string file) =>
            ContentTypes.TryGetValue(Path.GetExtension(file), out var contentType) && DashboardAssets.Find(file) is { } content
                ? Results.Bytes(content, contentType)
                : Results.NotFound());

        return routes;
    }
}
