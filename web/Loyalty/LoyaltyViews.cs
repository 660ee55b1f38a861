namespace CustomerPlatform.Web.Loyalty;

// The Loyalty service's answers as the app reads them (services/Loyalty: LoyaltyApi, RewardsApi, StaffApi; the customer's
// routes are fixed in commerce.md). Kept here rather than in Contracts: they are HTTP shapes, not messages.

/// <summary><c>GET /api/loyalty/me</c>.</summary>
public sealed record MemberPoints(
    long PointsBalance, long PendingPoints, string Tier, string? NextTier, long? PointsToNextTier, IReadOnlyList<ExpiringPoints>? ExpiringSoon);

public sealed record ExpiringPoints(long Points, DateTimeOffset ExpiresAt);

/// <summary>One line of a ledger: the customer's (<c>GET /api/loyalty/me/ledger</c>) or, with who made it, the staff's.</summary>
public sealed record LedgerEntry(
    Guid EntryId, string Kind, long Points, long PendingPoints, string? OrderId, string? Reason, DateTimeOffset At,
    string? ByName = null, DateTimeOffset? RecordedAt = null);

/// <summary><c>GET /api/loyalty/rewards</c>: one reward of the catalogue.</summary>
/// <summary>A reward of the catalogue; <see cref="Remaining"/> null is unlimited stock, <see cref="LimitPerCustomer"/> null no limit.</summary>
public sealed record Reward(
    string RewardId, string Name, string Kind, decimal Value, long Cost, long? Remaining = null, int? LimitPerCustomer = null, int RedeemedByYou = 0);

/// <summary><c>POST /api/loyalty/rewards/{rewardId}/redeem</c>'s 201.</summary>
public sealed record RedeemedCode(string Code, DateTimeOffset ExpiresAt);

/// <summary><c>GET /api/loyalty/me/codes</c>: one of the customer's reward codes.</summary>
public sealed record RewardCode(string Code, string RewardId, string Kind, decimal Value, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt);

/// <summary><c>GET /api/loyalty/staff/members?email=</c> and <c>/staff/members/{memberId}</c>.</summary>
public sealed record StaffMember(
    Guid MemberId, string Email, Guid? CustomerId, long PointsBalance, long PendingPoints, string Tier, string? NextTier,
    long? PointsToNextTier, DateTimeOffset CreatedAt);

/// <summary><c>POST /api/loyalty/staff/members/{memberId}/adjustments</c>'s body.</summary>
public sealed record AdjustmentRequest(long? Points, string? Reason, string IdempotencyKey);
