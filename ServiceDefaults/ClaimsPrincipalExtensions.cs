using System.Security.Claims;

namespace CustomerPlatform.ServiceDefaults;

/// <summary>The claims of Identity's access tokens (JWT names: inbound claim mapping is off).</summary>
public static class ClaimsPrincipalExtensions
{
    /// <summary>The customer (or staff member) id of an access token: its <c>sub</c> claim.</summary>
    public static Guid GetCustomerId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue("sub"), out var id)
            ? id
            : throw new InvalidOperationException("The caller's token has no customer id (sub); the endpoint must require authorization.");

    public static string? GetEmail(this ClaimsPrincipal user) => user.FindFirstValue("email");

    public static string? GetDisplayName(this ClaimsPrincipal user) => user.FindFirstValue("name");

    /// <summary>Whether the token was granted <paramref name="scope"/>: its <c>scope</c> claim, space-separated (RFC 9068) or repeated.</summary>
    public static bool HasScope(this ClaimsPrincipal user, string scope) =>
        user.FindAll("scope").Any(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope, StringComparer.Ordinal));

    public static bool IsStaff(this ClaimsPrincipal user) =>
        CustomerPlatform.Contracts.Roles.Staff.Any(user.IsInRole);
}
