namespace CustomerPlatform.Testing;

/// <summary>The staff accounts Identity seeds in Development (services/Identity/appsettings.Development.json, listed in the README).</summary>
public static class StaffAccounts
{
    public static readonly (string Email, string Password) Admin = ("admin@example.com", "dev-admin-passphrase-1");
    public static readonly (string Email, string Password) CsmOne = ("csm.one@example.com", "dev-csm-one-passphrase");
    public static readonly (string Email, string Password) CsmTwo = ("csm.two@example.com", "dev-csm-two-passphrase");
    public static readonly (string Email, string Password) Agent = ("agent@example.com", "dev-agent-passphrase-1");

    public static readonly IReadOnlyList<(string Email, string Password)> Csms = [CsmOne, CsmTwo];

    /// <summary>The business's store in Development (Identity's appsettings.Development.json, the README): a client-credentials client.</summary>
    public static readonly (string ClientId, string Secret) Store = ("store-dev", "dev-store-secret-2026");
}
