namespace CustomerPlatform.Contracts;

/// <summary>The platform's roles, as they appear in access tokens' <c>role</c> claims.</summary>
public static class Roles
{
    public const string Customer = "customer";
    public const string SuccessManager = "csm";
    public const string Agent = "agent";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Customer, SuccessManager, Agent, Admin];

    /// <summary>Everyone who works for the business rather than being its customer.</summary>
    public static readonly IReadOnlyList<string> Staff = [SuccessManager, Agent, Admin];
}
