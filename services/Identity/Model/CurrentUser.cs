namespace CustomerPlatform.Identity;

/// <summary>What <c>GET /api/identity/me</c> answers.</summary>
public sealed record CurrentUser(Guid CustomerId, string Email, string DisplayName, bool EmailVerified, IReadOnlyList<string> Roles);
