namespace CustomerPlatform.Identity;

/// <summary>The <c>Identity</c> configuration section (the AppHost sets Issuer and AppOrigin to the gateway's origin).</summary>
public sealed class IdentitySettings
{
    public const string Section = "Identity";

    /// <summary>The public issuer written into tokens: the gateway's origin. Unset, OpenIddict uses the request's origin.</summary>
    public string? Issuer { get; set; }

    /// <summary>The app's origin for links in emails (verification, reset). Defaults to <see cref="Issuer"/>.</summary>
    public string? AppOrigin { get; set; }

    /// <summary>Where <c>customer-spa</c> may receive codes; default <c>{AppOrigin}/signin-callback</c>.</summary>
    public string[] SpaRedirectUris { get; set; } = [];

    /// <summary>
    /// The secret of <c>customer-app</c>, the confidential client the gateway signs the app's users in as
    /// (its backend-for-frontend). Unset, that client is not registered.
    /// </summary>
    public string? AppClientSecret { get; set; }

    /// <summary>
    /// The business's stores: confidential clients of the client-credentials grant with the <c>store</c> scope
    /// (commerce.md). Development seeds one (appsettings.Development.json, listed in the README); elsewhere they
    /// come from configuration. A client that leaves this list is removed at the next start.
    /// </summary>
    public List<StoreClient> StoreClients { get; set; } = [];

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);
    public TimeSpan VerificationTokenLifetime { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan ResetTokenLifetime { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan EmailChangeTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>When the server's signing and encryption keys rotate (ADR-016).</summary>
    public ServerKeySettings Keys { get; set; } = new();

    public int MaxFailedSignIns { get; set; } = 5;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Staff accounts created at start in Development (appsettings.Development.json).</summary>
    public List<StaffAccount> Staff { get; set; } = [];

    public string ResolveAppOrigin() =>
        (AppOrigin ?? Issuer ?? "http://localhost:8080").TrimEnd('/');
}

/// <summary>One of <see cref="IdentitySettings.StoreClients"/>.</summary>
public sealed class StoreClient
{
    public string ClientId { get; set; } = "";
    public string Secret { get; set; } = "";
    public string DisplayName { get; set; } = "The business's store";
}

/// <summary>
/// <c>Identity:Keys</c>: a new signing key (and encryption key) is made every
/// <see cref="RotationPeriod"/>, published in the JWKS <see cref="PublicationLead"/> before it signs
/// anything, and kept for validation until every token the old one signed has expired. Every replica
/// reads the key table again each <see cref="RefreshInterval"/>.
/// </summary>
public sealed class ServerKeySettings
{
    public TimeSpan RotationPeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>At least the services' and any client's JWKS refresh interval (the services re-read it hourly).</summary>
    public TimeSpan PublicationLead { get; set; } = TimeSpan.FromDays(2);

    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);
}
