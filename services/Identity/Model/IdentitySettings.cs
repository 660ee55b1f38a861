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

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);
    public TimeSpan VerificationTokenLifetime { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan ResetTokenLifetime { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan EmailChangeTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    public int MaxFailedSignIns { get; set; } = 5;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Staff accounts created at start in Development (appsettings.Development.json).</summary>
    public List<StaffAccount> Staff { get; set; } = [];

    public string ResolveAppOrigin() =>
        (AppOrigin ?? Issuer ?? "http://localhost:8080").TrimEnd('/');
}
