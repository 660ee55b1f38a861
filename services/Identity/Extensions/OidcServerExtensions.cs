using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace CustomerPlatform.Identity;

internal static class OidcServerExtensions
{
    /// <summary>
    /// OpenIddict as the OpenID Connect server on identitydb. Access tokens are signed JWTs, not
    /// encrypted, so every service checks them with plain JWT bearer; codes and refresh tokens stay
    /// encrypted. Refresh tokens rotate with no reuse leeway: a used one is refused, and reusing it
    /// revokes the whole chain (OpenIddict's replay detection).
    /// </summary>
    public static void AddOidcServer(this IHostApplicationBuilder builder, IdentitySettings settings)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>().ReplaceDefaultEntities<Guid>())
            .AddServer(server =>
            {
                if (!string.IsNullOrWhiteSpace(settings.Issuer))
                    server.SetIssuer(new Uri(settings.Issuer));

                server.SetAuthorizationEndpointUris(Relative(ConnectApi.AuthorizePath))
                    .SetTokenEndpointUris(Relative(ConnectApi.TokenPath))
                    .SetEndSessionEndpointUris(Relative(ConnectApi.EndSessionPath))
                    .SetRevocationEndpointUris(Relative(ConnectApi.RevocationPath));

                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowRefreshTokenFlow();
                // The business's store: confidential clients with the store scope only (ClientSeeder).
                server.AllowClientCredentialsFlow();
                if (development)
                    server.AllowPasswordFlow();

                server.RegisterScopes([.. TokenPrincipalFactory.SupportedScopes, AuthenticationExtensions.StoreScope]);
                server.DisableAccessTokenEncryption();
                server.AddEventHandler(SelfContainedTokenEntries.Descriptor);
                foreach (var handler in ServerKeyHandlers.All)
                    server.AddEventHandler(handler);
                server.SetAccessTokenLifetime(settings.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(settings.RefreshTokenLifetime)
                    .SetRefreshTokenReuseLeeway(TimeSpan.Zero);

                // TLS ends in front of the gateway; inside, the platform speaks plain HTTP.
                server.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });

        builder.Services.AddSingleton<ServerKeyStore>();
        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ServerKeyHandlers.StartKeys>();
    }

    private static string Relative(string path) => path.TrimStart('/');
}
