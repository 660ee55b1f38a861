using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CustomerPlatform.Gateway;

/// <summary>
/// The gateway is the app's backend-for-frontend (ADR-017): it signs the app's users in with the
/// authorization-code flow and PKCE as Identity's confidential client <c>customer-app</c>, keeps their
/// tokens in an encrypted HttpOnly, SameSite=Strict session cookie the page cannot read, and puts the
/// access token on each <c>/api/**</c> request it proxies for that session, refreshing it shortly before
/// it expires. A state-changing request on a session must carry the <see cref="CsrfHeader"/> header, which
/// no other site can make a browser send. A request that brings its own bearer token (scripts, the store,
/// tests) is left alone.
/// </summary>
internal static class AppSession
{
    public const string CookieScheme = "app";
    public const string OidcScheme = "app-oidc";
    public const string CookieName = "cp-session";
    public const string CsrfHeader = "X-CSRF";
    public const string ClientId = "customer-app";
    public const string SignInPath = "/sign-in";
    public const string SignOutPath = "/sign-out";
    public const string CallbackPath = "/signin-callback";
    public const string SignedOutCallbackPath = "/signout-callback";
    private const string BackchannelName = "identity-oidc";

    /// <summary>How long before its expiry an access token is replaced (<c>App:RefreshAhead</c>, default 60 s).</summary>
    private static readonly TimeSpan DefaultRefreshAhead = TimeSpan.FromSeconds(60);

    public static void AddAppSession(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddHttpClient(BackchannelName);
        builder.Services.AddSingleton(new AppSessionSettings(configuration.GetValue("App:RefreshAhead", DefaultRefreshAhead)));

        // The session cookie is encrypted with the gateway's data-protection keys: kept in a folder the
        // AppHost gives every gateway replica, so a restart or another replica still reads the sessions; each
        // key encrypted there with the gateway's key-encryption secret, kept apart (ADR-016, ADR-017).
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("customerplatform-gateway");
        if (configuration["Gateway:KeysDirectory"] is { Length: > 0 } keys)
        {
            var secret = GatewayKeyEncryptionKey.FromConfiguration(configuration);
            builder.Services.AddSingleton<KeyEncryptionSecret>(secret);
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keys))
                .AddKeyManagementOptions(options => options.XmlEncryptor = new KeyRingEncryptor(secret, typeof(KeyRingDecryptor)));
        }
        builder.Services.AddAuthentication()
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromDays(14); // a refresh token's lifetime: past it, signing in again is needed anyway
                options.SlidingExpiration = true;
                // The API never redirects to a sign-in page: it answers 401 and the app decides.
                options.Events.OnRedirectToLogin = context => { context.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                options.Events.OnRedirectToAccessDenied = context => { context.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
            })
            .AddOpenIdConnect(OidcScheme, options =>
            {
                options.SignInScheme = CookieScheme;
                options.SignOutScheme = CookieScheme;
                options.ClientId = ClientId;
                options.ClientSecret = configuration["App:ClientSecret"];
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.UsePkce = true;
                options.ResponseMode = OpenIdConnectResponseMode.Query; // form_post would need an inline script, which the CSP forbids
                options.PushedAuthorizationBehavior = PushedAuthorizationBehavior.Disable;
                options.CallbackPath = CallbackPath;
                options.SignedOutCallbackPath = SignedOutCallbackPath;
                options.SaveTokens = true;
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = false;
                options.RequireHttpsMetadata = false;
                options.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", "email", "roles", AuthenticationExtensions.ApiScope, "offline_access" })
                    options.Scope.Add(scope);
                options.TokenValidationParameters.NameClaimType = "name";
                options.TokenValidationParameters.RoleClaimType = "role";
                // The flow's own cookies come back on Identity's redirect to the callback: Lax, not the default None (which needs https).
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            });

        builder.Services.AddOptions<OpenIdConnectOptions>(OidcScheme)
            .Configure<IHttpClientFactory, IOptionsMonitor<JwtBearerOptions>>((options, clients, bearer) =>
            {
                var issuer = configuration[AuthenticationExtensions.IssuerKey]?.TrimEnd('/') ?? "http://localhost:8080";
                var authority = (configuration[AuthenticationExtensions.AuthorityKey] ?? AuthenticationExtensions.DefaultAuthority).TrimEnd('/');
                options.Backchannel = clients.CreateClient(BackchannelName);
                options.TokenValidationParameters.ValidIssuers = [issuer, issuer + "/"];
                options.ConfigurationManager = new IdentityEndpoints(
                    bearer.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager!, issuer, authority);
            });
    }

    /// <summary>Starts signing in (the emails' sign-in link), and signs out at the gateway and at Identity.</summary>
    public static IEndpointRouteBuilder MapAppSession(this IEndpointRouteBuilder app)
    {
        app.MapGet(SignInPath, (string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = LocalUrl.OrRoot(returnUrl) }, [OidcScheme]))
            .ExcludeFromDescription();

        // A POST with the CSRF header, so no other site can sign a user out; the browser follows the
        // redirects through Identity's end-session endpoint and back.
        app.MapPost(SignOutPath, (HttpContext context) =>
                context.Request.Headers.ContainsKey(CsrfHeader)
                    ? Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [CookieScheme, OidcScheme])
                    : MissingCsrfHeader())
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>Puts the session's access token on <c>/api/**</c> requests, refreshing it when it is about to expire.</summary>
    public static IApplicationBuilder UseAppSession(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api") || request.Headers.Authorization.Count > 0 || !request.Cookies.ContainsKey(CookieName))
        {
            await next(context);
            return;
        }

        var session = await context.AuthenticateAsync(CookieScheme);
        if (!session.Succeeded)
        {
            await next(context);
            return;
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
            && !request.Headers.ContainsKey(CsrfHeader))
        {
            await MissingCsrfHeader().ExecuteAsync(context);
            return;
        }

        // A browser opens a WebSocket from any site with this site's cookie, and cannot add the CSRF header to it: the session
        // goes on a WebSocket only when the page that opened it is the app's own.
        if (IsWebSocketRequest(context) && !FromOwnOrigin(request))
        {
            await CrossSiteWebSocket().ExecuteAsync(context);
            return;
        }

        var token = await AccessTokenAsync(context);
        if (token.Unavailable)
        {
            // Identity could not answer: the session stays, and the app tries again in a moment.
            context.Response.Headers.RetryAfter = "5";
            await IdentityUnavailable().ExecuteAsync(context);
            return;
        }

        // No token: Identity refused the refresh (the password changed, access was revoked, the session is
        // too old), the session is over, and the request goes on without it (a 401 to the app).
        if (token.AccessToken is not null)
            request.Headers.Authorization = "Bearer " + token.AccessToken;
        await next(context);
    });

    /// <summary>
    /// The request's session access token, refreshed when it is about to expire (the new tokens go into the
    /// response's cookie, so it must not have started); once per request. None without a session or when
    /// Identity refused the refresh (the session is then ended); <c>Unavailable</c> when Identity could not answer.
    /// </summary>
    public static Task<SessionToken> AccessTokenAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(typeof(SessionToken), out var known) && known is Task<SessionToken> task)
            return task;
        task = ResolveAsync(context);
        context.Items[typeof(SessionToken)] = task;
        return task;
    }

    private static async Task<SessionToken> ResolveAsync(HttpContext context)
    {
        if (!context.Request.Cookies.ContainsKey(CookieName))
            return default;
        var session = await context.AuthenticateAsync(CookieScheme);
        if (!session.Succeeded)
            return default;

        var properties = session.Properties!;
        var accessToken = properties.GetTokenValue("access_token");
        var expiresAt = DateTimeOffset.TryParse(properties.GetTokenValue("expires_at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at : DateTimeOffset.MinValue;
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var refreshAhead = context.RequestServices.GetRequiredService<AppSessionSettings>().RefreshAhead;
        if (accessToken is not null && expiresAt - refreshAhead > time.GetUtcNow())
            return new(accessToken, Unavailable: false);

        var refreshed = await RefreshAsync(context, session.Principal!, properties, time);
        if (refreshed is { Unavailable: false, AccessToken: null })
            await context.SignOutAsync(CookieScheme);
        return refreshed;
    }

    /// <summary>The answer when a session's token cannot be refreshed because Identity did not answer.</summary>
    private static IResult IdentityUnavailable() => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Signing you in again is not possible right now.",
        detail: "Your session is kept; try again in a few seconds.");


    /// <summary>New tokens from one redemption of a refresh token.</summary>
    private sealed record Redeemed(string AccessToken, string? RefreshToken, int? ExpiresIn, bool Unavailable);

    /// <summary>
    /// Redemptions in flight or just done, by refresh token. Identity allows a refresh token to be redeemed
    /// once (a second use is taken for theft and voids the session), while the app's pages send requests
    /// side by side: every request holding the same refresh token shares its one redemption.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (Task<Redeemed?> Redemption, DateTimeOffset At)> Redemptions = new();

    private static readonly TimeSpan RedemptionKept = TimeSpan.FromSeconds(30);

    private static async Task<SessionToken> RefreshAsync(HttpContext context, System.Security.Claims.ClaimsPrincipal principal, AuthenticationProperties properties, TimeProvider time)
    {
        var refreshToken = properties.GetTokenValue("refresh_token");
        if (refreshToken is null)
            return default;

        var now = time.GetUtcNow();
        foreach (var old in Redemptions.Where(r => now - r.Value.At > RedemptionKept))
            Redemptions.TryRemove(old);
        var entry = Redemptions.GetOrAdd(refreshToken, token => (RedeemAsync(context.RequestServices, token), now));
        var redeemed = await entry.Redemption.WaitAsync(context.RequestAborted);
        if (redeemed is { Unavailable: true })
        {
            Redemptions.TryRemove(new(refreshToken, entry)); // the next request tries again
            return new(null, Unavailable: true);
        }

        if (redeemed is null)
            return default;
        properties.UpdateTokenValue("access_token", redeemed.AccessToken);
        if (!string.IsNullOrEmpty(redeemed.RefreshToken))
            properties.UpdateTokenValue("refresh_token", redeemed.RefreshToken);
        if (redeemed.ExpiresIn is { } seconds)
            properties.UpdateTokenValue("expires_at", entry.At.AddSeconds(seconds).ToString("o", CultureInfo.InvariantCulture));
        await context.SignInAsync(CookieScheme, principal, properties);
        return new(redeemed.AccessToken, Unavailable: false);
    }

    /// <summary>One refresh-token grant at Identity's token endpoint; not tied to the request that started it.</summary>
    private static async Task<Redeemed?> RedeemAsync(IServiceProvider services, string refreshToken)
    {
        var options = services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OidcScheme);
        HttpResponseMessage response;
        try
        {
            var endpoints = await options.ConfigurationManager!.GetConfigurationAsync(CancellationToken.None);
            response = await options.Backchannel.PostAsync(endpoints.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = options.ClientId!,
                ["client_secret"] = options.ClientSecret!,
            }));
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            return new("", null, null, Unavailable: true);
        }

        using var _ = response;
        // A 400 (invalid_grant) is Identity's no; a 5xx or 429 says nothing about the session.
        if ((int)response.StatusCode >= 500 || response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
            return new("", null, null, Unavailable: true);
        if (!response.IsSuccessStatusCode)
            return null;

        var tokens = new OpenIdConnectMessage(await response.Content.ReadAsStringAsync());
        if (string.IsNullOrEmpty(tokens.AccessToken))
            return null;
        return new(tokens.AccessToken, tokens.RefreshToken,
            int.TryParse(tokens.ExpiresIn, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null, Unavailable: false);
    }

    private static bool IsWebSocketRequest(HttpContext context) =>
        context.Request.Headers.Upgrade.Any(value => string.Equals(value, "websocket", StringComparison.OrdinalIgnoreCase))
        || context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpExtendedConnectFeature>()?.IsExtendedConnect == true;

    /// <summary>The request's <c>Origin</c> is the gateway's own (as the client reached it, after the forwarded headers).</summary>
    private static bool FromOwnOrigin(HttpRequest request) =>
        Uri.TryCreate(request.Headers.Origin.ToString(), UriKind.Absolute, out var origin)
        && string.Equals(origin.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(origin.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    private static IResult CrossSiteWebSocket() => Results.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "This WebSocket does not come from the app.",
        detail: "A signed-in WebSocket must be opened by a page of this site (its Origin header names another site, or none).");

    private static IResult MissingCsrfHeader() => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "The request is missing its anti-forgery header.",
        detail: $"Requests that change something in a signed-in session must carry the {CsrfHeader} header.",
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [CsrfHeader] = ["The header is required."] } });

    /// <summary>
    /// Identity's endpoints as the flow needs them: the browser's on the public origin (through this
    /// gateway), the token endpoint on Identity itself; the signing keys from the bearer scheme's cached JWKS.
    /// </summary>
    private sealed class IdentityEndpoints(IConfigurationManager<OpenIdConnectConfiguration> keys, string issuer, string authority)
        : IConfigurationManager<OpenIdConnectConfiguration>
    {
        public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
        {
            var source = await keys.GetConfigurationAsync(cancel);
            var configuration = new OpenIdConnectConfiguration
            {
                Issuer = issuer + "/",
                AuthorizationEndpoint = issuer + "/connect/authorize",
                EndSessionEndpoint = issuer + "/connect/endsession",
                TokenEndpoint = authority + "/connect/token",
            };
            foreach (var key in source.SigningKeys)
                configuration.SigningKeys.Add(key);
            return configuration;
        }

        public void RequestRefresh() => keys.RequestRefresh();
    }
}

/// <summary>A session's access token; null without a session or when it has ended; <c>Unavailable</c> when Identity could not answer.</summary>
internal readonly record struct SessionToken(string? AccessToken, bool Unavailable);

/// <summary><c>App:RefreshAhead</c>: how long before its expiry an access token is replaced, read once at start-up.</summary>
internal sealed record AppSessionSettings(TimeSpan RefreshAhead);

/// <summary>
/// The secret (<c>Gateway:KeyEncryptionKey</c>, generated by the AppHost apart from the keys) that encrypts the
/// gateway's data-protection keys in <c>Gateway:KeysDirectory</c>: a copy of that folder alone opens no session.
/// </summary>
internal sealed class GatewayKeyEncryptionKey(string secret) : KeyEncryptionSecret(secret, ConfigurationKey, Owner)
{
    public const string ConfigurationKey = "Gateway:KeyEncryptionKey";

    private const string Owner = "gateway";

    public static GatewayKeyEncryptionKey FromConfiguration(IConfiguration configuration) => new(Read(configuration, ConfigurationKey, Owner));
}
