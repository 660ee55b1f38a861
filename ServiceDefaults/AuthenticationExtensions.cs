using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CustomerPlatform.ServiceDefaults;

/// <summary>
/// Every service and the gateway accept the access tokens Identity issues: signed (not encrypted)
/// JWTs whose <c>sub</c> is the customer's id, with <c>email</c>, <c>name</c> and <c>role</c> claims
/// (<see cref="CustomerPlatform.Contracts.Roles"/>), and the audience <see cref="ApiAudience"/> (granted
/// with the <c>api</c> scope). Endpoints say which roles may call them with
/// <c>RequireAuthorization(p => p.RequireRole(...))</c>; a plain <c>RequireAuthorization()</c> asks for a
/// person's token (the <c>api</c> scope). The business's store calls its own routes with a client-credentials
/// token of the <see cref="StoreScope"/> scope (no person, no roles), which only the
/// <see cref="StorePolicy"/> routes accept.
/// <para>
/// Configuration: <c>Identity:Issuer</c> is the public issuer (the gateway's origin, as tokens carry
/// it; the AppHost sets it for every project). <c>Identity:Authority</c> is where the signing keys are
/// fetched (default <c>http://identity</c>, resolved by service discovery): only its JWKS is read,
/// never the discovery document, whose URLs point at the public origin. Keys are cached, read again
/// every <c>Identity:JwksRefreshInterval</c> and when a token names an unknown key id, so a key rotation
/// needs no restart (<see cref="JwksConfigurationManager"/>).
/// </para>
/// </summary>
public static class AuthenticationExtensions
{
    public const string IssuerKey = "Identity:Issuer";
    public const string AuthorityKey = "Identity:Authority";
    public const string DefaultAuthority = "http://identity";
    public const string JwksPath = "/.well-known/jwks";

    /// <summary>Identity's feed of revoked access (internal: the gateway does not route it).</summary>
    public const string RevocationsPath = "/internal/access-revocations";
    public const string RevocationPollIntervalKey = "Identity:RevocationPollInterval";
    public const string RevocationWaitKey = "Identity:RevocationWait";

    /// <summary>
    /// How often the JWKS is read again (default 1 hour): shorter than the time Identity publishes a key
    /// before it signs with it (ADR-016). Tests that rotate keys every minute set seconds.
    /// </summary>
    public const string JwksRefreshIntervalKey = "Identity:JwksRefreshInterval";

    /// <summary>When Identity issued the token, in Unix milliseconds (<c>iat</c> has whole seconds only).</summary>
    public const string IssuedAtMillisecondsClaim = "iat_ms";

    /// <summary>The audience of tokens granted the <see cref="ApiScope"/> scope: the platform's APIs.</summary>
    public const string ApiAudience = "customer-platform-api";
    public const string ApiScope = "api";

    /// <summary>The scope of the store's client-credentials tokens (commerce.md): the store's routes, nothing else.</summary>
    public const string StoreScope = "store";

    /// <summary>The policy of the routes the business's store calls (<c>RequireAuthorization(StorePolicy)</c>).</summary>
    public const string StorePolicy = "store";

    /// <summary>The named HttpClient that fetches the JWKS (service discovery and resilience come from the defaults).</summary>
    public const string JwksClientName = "identity-jwks";

    public static IHostApplicationBuilder AddDefaultAuthentication(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHttpClient(JwksClientName);
        builder.Services.TryAddSingleton<IAccessRevocationFeed, HttpAccessRevocationFeed>();
        builder.Services.TryAddSingleton<AccessRevocations>();
        builder.Services.AddHostedService<AccessRevocationPoller>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IHttpClientFactory, TimeProvider, ILoggerFactory>((options, clients, time, loggers) =>
            {
                var issuer = configuration[IssuerKey]?.TrimEnd('/');
                var authority = (configuration[AuthorityKey] ?? DefaultAuthority).TrimEnd('/');

                options.MapInboundClaims = false;

                // A token issued before its user's password, address or access changed is refused at
                // once, not at its expiry (ADR-015).
                options.Events ??= new JwtBearerEvents();
                options.Events.OnTokenValidated = context =>
                {
                    if (context.Principal is { } principal && context.HttpContext.RequestServices.GetRequiredService<AccessRevocations>().IsRevoked(principal))
                        context.Fail("The access token was revoked.");
                    return Task.CompletedTask;
                };
                options.RequireHttpsMetadata = false;
                var parameters = options.TokenValidationParameters;
                parameters.NameClaimType = "name";
                parameters.RoleClaimType = "role";
                parameters.ValidAudience = ApiAudience;
                parameters.LifetimeValidator = (notBefore, expires, _, validation) => IsWithinLifetime(time, notBefore, expires, validation);
                if (string.IsNullOrEmpty(issuer))
                {
                    // The signature still proves Identity issued the token; only its origin is unchecked.
                    parameters.ValidateIssuer = false;
                    loggers.CreateLogger(typeof(AuthenticationExtensions)).LogWarning(
                        "{Key} is not set: access tokens' issuer is not checked (their signature is)", IssuerKey);
                }
                else
                {
                    // OpenIddict writes an issuer URI with its trailing slash; configuration may omit it.
                    parameters.ValidIssuers = [issuer, issuer + "/"];
                }

                options.ConfigurationManager = new JwksConfigurationManager(
                    authority + JwksPath,
                    clients.CreateClient(JwksClientName),
                    issuer,
                    configuration.GetValue<TimeSpan?>(JwksRefreshIntervalKey) ?? TimeSpan.FromHours(1),
                    time,
                    loggers.CreateLogger(typeof(JwksConfigurationManager)));
            });

        // A person's token by default, so a store token reaches nothing but the store's routes.
        builder.Services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser().RequireAssertion(context => context.User.HasScope(ApiScope)).Build())
            .AddPolicy(StorePolicy, policy => policy.RequireAuthenticatedUser().RequireAssertion(context => context.User.HasScope(StoreScope)));
        return builder;
    }

    // The handler's own check reads the system clock; this one reads TimeProvider, so a test can move time.
    private static bool IsWithinLifetime(TimeProvider time, DateTime? notBefore, DateTime? expires, TokenValidationParameters validation)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (notBefore is { } start && start.ToUniversalTime() > now + validation.ClockSkew)
            return false;
        if (expires is { } end)
            return end.ToUniversalTime() >= now - validation.ClockSkew;
        return !validation.RequireExpirationTime;
    }
}
