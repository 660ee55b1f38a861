using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CustomerPlatform.Identity;

/// <summary>
/// The platform's OpenID Connect clients, written on every start so configuration changes (the
/// app's origin) take effect: <c>customer-spa</c> (public, code + PKCE) always, <c>customer-app</c>
/// (confidential, code + PKCE: the gateway as the app's backend-for-frontend) when its secret is configured,
/// <c>platform-cli</c> (public, password grant) only in Development and removed elsewhere, and the business's
/// stores (<see cref="IdentitySettings.StoreClients"/>: confidential, client credentials, the <c>store</c> scope
/// only), a store no longer configured being removed.
/// </summary>
public sealed class ClientSeeder(IOpenIddictApplicationManager applications, IOptions<IdentitySettings> settings)
{
    public const string SpaClientId = "customer-spa";
    public const string CliClientId = "platform-cli";
    public const string AppClientId = "customer-app";

    private static readonly string[] ScopePermissions =
    [
        Permissions.Scopes.Email, Permissions.Scopes.Profile, Permissions.Scopes.Roles,
        Permissions.Prefixes.Scope + AuthenticationExtensions.ApiScope,
    ];

    private static readonly string[] CodeFlowPermissions =
    [
        Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession, Permissions.Endpoints.Revocation,
        Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code, .. ScopePermissions,
    ];

    public async Task SeedAsync(bool development, CancellationToken cancellationToken)
    {
        var origin = settings.Value.ResolveAppOrigin();
        var redirectUris = settings.Value.SpaRedirectUris.Length > 0 ? settings.Value.SpaRedirectUris : [$"{origin}/signin-callback"];

        var spa = new OpenIddictApplicationDescriptor
        {
            ClientId = SpaClientId,
            DisplayName = "CustomerPlatform app",
            ClientType = ClientTypes.Public,
            ApplicationType = ApplicationTypes.Web,
            ConsentType = ConsentTypes.Implicit,
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in redirectUris)
            spa.RedirectUris.Add(new Uri(uri));
        spa.PostLogoutRedirectUris.Add(new Uri($"{origin}/"));
        spa.Permissions.UnionWith(CodeFlowPermissions);
        await UpsertAsync(spa, cancellationToken);

        if (!string.IsNullOrEmpty(settings.Value.AppClientSecret))
        {
            var app = new OpenIddictApplicationDescriptor
            {
                ClientId = AppClientId,
                ClientSecret = settings.Value.AppClientSecret,
                DisplayName = "CustomerPlatform app (through the gateway)",
                ClientType = ClientTypes.Confidential,
                ApplicationType = ApplicationTypes.Web,
                ConsentType = ConsentTypes.Implicit,
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            };
            app.RedirectUris.Add(new Uri($"{origin}/signin-callback"));
            app.PostLogoutRedirectUris.Add(new Uri($"{origin}/signout-callback"));
            app.Permissions.UnionWith(CodeFlowPermissions);
            await UpsertAsync(app, cancellationToken);
        }

        await SeedStoresAsync(cancellationToken);

        if (!development)
        {
            if (await applications.FindByClientIdAsync(CliClientId, cancellationToken) is { } existing)
                await applications.DeleteAsync(existing, cancellationToken);
            return;
        }

        var cli = new OpenIddictApplicationDescriptor
        {
            ClientId = CliClientId,
            DisplayName = "Platform scripts and tests (Development only)",
            ClientType = ClientTypes.Public,
            ApplicationType = ApplicationTypes.Native,
            ConsentType = ConsentTypes.Implicit,
        };
        cli.Permissions.UnionWith([
            Permissions.Endpoints.Token, Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.Password, Permissions.GrantTypes.RefreshToken, .. ScopePermissions]);
        await UpsertAsync(cli, cancellationToken);
    }

    private async Task SeedStoresAsync(CancellationToken cancellationToken)
    {
        var configured = settings.Value.StoreClients.Where(c => c.ClientId.Length > 0).ToList();
        foreach (var store in configured)
        {
            if (store.Secret.Length < 16)
                throw new InvalidOperationException($"Identity:StoreClients: the secret of {store.ClientId} must be at least 16 characters.");
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = store.ClientId,
                ClientSecret = store.Secret,
                DisplayName = store.DisplayName,
                ClientType = ClientTypes.Confidential,
                ConsentType = ConsentTypes.Implicit,
            };
            descriptor.Permissions.UnionWith([
                Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials,
                Permissions.Prefixes.Scope + AuthenticationExtensions.StoreScope]);
            await UpsertAsync(descriptor, cancellationToken);
        }

        // Only stores are given the client-credentials grant: one that has it and is no longer configured goes.
        var stale = new List<object>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            var clientId = await applications.GetClientIdAsync(application, cancellationToken);
            if (!configured.Any(c => c.ClientId == clientId)
                && await applications.HasPermissionAsync(application, Permissions.GrantTypes.ClientCredentials, cancellationToken))
                stale.Add(application);
        }
        foreach (var application in stale)
            await applications.DeleteAsync(application, cancellationToken);
    }

    private async Task UpsertAsync(OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken) is { } existing)
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        else
            await applications.CreateAsync(descriptor, cancellationToken);
    }
}
