namespace CustomerPlatform.Ticketing;

/// <summary>
/// A customer's loyalty tier, from Loyalty's <c>LoyaltyTierChanged</c> (ADR-039): what routing rules match on and what
/// agents see beside a ticket. <see cref="ChangedAt"/> is the change's own time: an older change delivered late never wins.
/// </summary>
public sealed class CustomerLoyaltyTier
{
    public Guid CustomerId { get; init; }
    public required string Tier { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}
