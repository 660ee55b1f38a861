using CustomerPlatform.Gateway.Components;
using CustomerPlatform.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Services;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.FluentUI.AspNetCore.Components;

namespace CustomerPlatform.Gateway;

/// <summary>
/// The app (web/, Blazor) served by the gateway as a Blazor Web App (ADR-018): each page is rendered here
/// first, its reads made to the API with the session's token (<see cref="PrerenderApi"/>), and the browser
/// gets that HTML at once; the same components then take over with WebAssembly. The app's files are static
/// assets (fingerprinted, cached, compressed). The pages are the app's <c>@page</c> routes; any other path
/// stays a 404.
/// </summary>
internal static class AppPages
{
    /// <summary>
    /// <c>Gateway:AppRoot</c>: a folder holding <c>dotnet publish gateway</c>'s output (the app trimmed, brotli
    /// and gzip variants, the endpoints manifest), whose assets are served instead of the build's. Unset: the
    /// build's assets, as referenced at build time.
    /// </summary>
    public const string AppRootSetting = "Gateway:AppRoot";

    private const string Manifest = "CustomerPlatform.Gateway.staticwebassets.endpoints.json";

    public static void AddAppPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveWebAssemblyComponents();
        // The router asks for it on every page; while prerendering it has nothing to load (web/Charts.cs).
        builder.Services.TryAddScoped<LazyAssemblyLoader>();
        // What the charts inject (in the browser, LateServicesFactory makes them once their assembly is loaded).
        builder.Services.AddScoped<Radzen.TooltipService>();
        builder.Services.AddFluentUIComponents();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient<PrerenderApi>();
        builder.Services.AddHttpClient(PrerenderApi.ClientName, (services, client) => client.BaseAddress = PrerenderApi.GatewayAddress(services))
            .AddHttpMessageHandler<PrerenderApi>();
        builder.Services.AddPlatformApi(services => services.GetRequiredService<IHttpClientFactory>().CreateClient(PrerenderApi.ClientName));
    }

    public static IEndpointRouteBuilder MapAppPages(this WebApplication app)
    {
        string? manifest = null;
        if (app.Configuration[AppRootSetting] is { Length: > 0 } root)
        {
            var webRoot = Path.Combine(Path.GetFullPath(root), "wwwroot");
            app.Environment.WebRootPath = webRoot;
            app.Environment.WebRootFileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(webRoot);
            manifest = Path.Combine(Path.GetFullPath(root), Manifest);
        }

        app.MapStaticAssets(manifest);
        app.MapRazorComponents<App>()
            .WithStaticAssets(manifest)
            .AddInteractiveWebAssemblyRenderMode()
            .AddAdditionalAssemblies(typeof(Routes).Assembly)
            // A page carries the signed-in user's data: never kept by a cache.
            .Add(endpoint => endpoint.Metadata.Add(NoStore.Instance));
        return app;
    }

    /// <summary>Marks the app's pages so that <see cref="UseAppPageCaching"/> forbids caching them.</summary>
    private sealed class NoStore
    {
        public static readonly NoStore Instance = new();
    }

    /// <summary>A prerendered page holds the user's data: <c>Cache-Control: no-store</c>.</summary>
    public static IApplicationBuilder UseAppPageCaching(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<NoStore>() is not null)
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
        return next(context);
    });
}

/// <summary>
/// The prerendering pages' way to the API: a request to this gateway itself (loopback) carrying the page
/// request's session access token, refreshed first if due (its new cookie goes on the page's response),
/// and the browser's address in <c>X-Forwarded-For</c> (trusted from loopback), so that the rate limits and
/// the services see the real client. Identity unreachable for a due refresh: a 503, as the API would answer.
/// </summary>
internal sealed class PrerenderApi(IHttpContextAccessor accessor) : DelegatingHandler
{
    public const string ClientName = "prerender-api";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext is { } page)
        {
            var token = await AppSession.AccessTokenAsync(page);
            if (token.Unavailable)
                return new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable) { RequestMessage = request };
            if (token.AccessToken is not null)
                request.Headers.Authorization = new("Bearer", token.AccessToken);
            if (page.Connection.RemoteIpAddress is { } address)
                request.Headers.TryAddWithoutValidation("X-Forwarded-For", address.ToString());
        }

        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>The address this gateway listens on, with a wildcard host made loopback.</summary>
    public static Uri GatewayAddress(IServiceProvider services)
    {
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The gateway has no address to reach itself on.");
        var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
            uri.Host = "localhost";
        return uri.Uri;
    }
}
