namespace CustomerPlatform.Contracts.Loyalty;

/// <summary>
/// What every loyalty event says about its member: the member, the member's address and, once the address belongs to a
/// customer, the customer. A guest member (orders before the address signed up) has no customer id: the event names the
/// address, by which the CRM places it until the address signs up.
/// </summary>
public abstract record LoyaltyEvent
{
    public required Guid MemberId { get; init; }
    public Guid? CustomerId { get; init; }
    public required string Email { get; init; }
    /// <summary>The ledger entry the event announces (one event per entry and kind of event, however often its cause is delivered).</summary>
    public required Guid EntryId { get; init; }
}

/// <summary>
/// A ledger entry added points to a member: <see cref="Kind"/> is the entry's kind (<see cref="EarnedKinds"/>) — <c>earn</c> (confirmed at once: the
/// lifecycle's points), <c>pending-earn</c> (an order's points, <see cref="PendingPoints"/>, until the return window closes),
/// <c>confirm</c> (those points now spendable) or <c>adjustment</c> (staff added points, with a <see cref="Reason"/>).
/// </summary>
public record LoyaltyPointsEarned : LoyaltyEvent
{
    public required string Kind { get; init; }
    /// <summary>What the entry adds to the spendable balance.</summary>
    public required long Points { get; init; }
    /// <summary>What the entry adds to (or, for a confirmation, moves out of) the pending points.</summary>
    public required long PendingPoints { get; init; }
    public string? OrderId { get; init; }
    public string? Reason { get; init; }
    /// <summary>The spendable balance after the entry.</summary>
    public required long PointsBalance { get; init; }
    /// <summary>When what the entry records happened (the order's or the event's time; the confirmation's).</summary>
    public required DateTimeOffset EarnedAt { get; init; }
}

/// <summary>
/// The member turned points into a reward's single-use code. The code itself is not in the event (it is money to whoever
/// reads it): other services learn the reward, its cost and until when the code is valid.
/// </summary>
public record LoyaltyRewardRedeemed : LoyaltyEvent
{
    public required string RewardId { get; init; }
    public required string RewardName { get; init; }
    public required long Cost { get; init; }
    public required DateTimeOffset CodeExpiresAt { get; init; }
    /// <summary>The spendable balance after the redemption.</summary>
    public required long PointsBalance { get; init; }
    public required DateTimeOffset RedeemedAt { get; init; }
}

/// <summary>
/// The member holds another tier: up when a ledger entry took the points earned in the rolling 12 months over a higher
/// threshold, down only at the member's yearly tier review. <see cref="ChangedAt"/> orders a member's changes: a consumer
/// keeping the tier ignores a change older than the one it holds.
/// </summary>
public record LoyaltyTierChanged : LoyaltyEvent
{
    public required string FromTier { get; init; }
    public required string ToTier { get; init; }
    /// <summary><see cref="TierDirections.Up"/> or <see cref="TierDirections.Down"/>.</summary>
    public required string Direction { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
}

public static class TierDirections
{
    public const string Up = "up";
    public const string Down = "down";
}

/// <summary>The kinds of ledger entry a <see cref="LoyaltyPointsEarned"/> announces (Loyalty's ledger kinds of the same names).</summary>
public static class EarnedKinds
{
    public const string Earn = "earn";
    public const string PendingEarn = "pending-earn";
    public const string Confirm = "confirm";
    public const string Adjustment = "adjustment";
}
