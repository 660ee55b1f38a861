namespace CustomerPlatform.Loyalty.Ledger;

/// <summary>
/// A programme member: one per address (lower case), and at most one per customer (the customer's address follows
/// Identity's sign-up and address changes, ADR-033), with the customer once an event names them. The running
/// <see cref="Balance"/> and <see cref="Pending"/> are the sums of the member's entries' <see cref="LedgerEntry.Points"/> and
/// <see cref="LedgerEntry.PendingPoints"/>, changed only with an entry, under this row's lock (ADR-032).
/// </summary>
public sealed class Member
{
    public Guid Id { get; set; }
    public required string Email { get; set; }
    public Guid? CustomerId { get; set; }
    /// <summary>When Identity last changed the customer's address (<c>CustomerEmailChanged.ChangedAt</c>): an older change delivered late is ignored.</summary>
    public DateTimeOffset? EmailChangedAt { get; set; }
    /// <summary>Confirmed points: may go below zero when confirmed points are reversed.</summary>
    public long Balance { get; set; }
    /// <summary>Points earned and not yet confirmed (nor reversed).</summary>
    public long Pending { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>When the expiry sweep next has something to do for the member (a lot to warn about or to expire); null: look (ADR-036).</summary>
    public DateTimeOffset? NextExpiryCheckAt { get; set; }
    /// <summary>The highest tier reached since the last yearly review (ADR-036); null before any upgrade.</summary>
    public string? Tier { get; set; }
    /// <summary>When the stored tier is next reviewed (the anniversary plus the grace); null until first scheduled.</summary>
    public DateTimeOffset? TierReviewAt { get; set; }
}

/// <summary>
/// One line of the append-only ledger: never updated nor deleted. <see cref="Points"/> is what it adds to the balance,
/// <see cref="PendingPoints"/> what it adds to the pending points (a pending earn adds only pending points, its confirmation
/// moves them to the balance). <see cref="SourceKey"/> is unique: the same source (an event, a command) writes one entry.
/// </summary>
public sealed class LedgerEntry
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public required string Kind { get; set; }
    public long Points { get; set; }
    public long PendingPoints { get; set; }
    public string? OrderId { get; set; }
    /// <summary>Why (an adjustment's reason, a reversal's cause).</summary>
    public string? Reason { get; set; }
    /// <summary>Who made a staff adjustment.</summary>
    public Guid? ById { get; set; }
    public string? ByName { get; set; }
    public required string SourceKey { get; set; }
    /// <summary>When what it records happened (the order's time).</summary>
    public DateTimeOffset At { get; set; }
    /// <summary>When it was written: the ledger's order.</summary>
    public DateTimeOffset RecordedAt { get; set; }
    /// <summary>The programme version whose rules computed its points (ADR-037); null when no rule did (adjustments, transfers, entries from before).</summary>
    public int? ProgrammeVersion { get; set; }
}

public static class LedgerKinds
{
    public const string Earn = "earn";
    public const string PendingEarn = "pending-earn";
    public const string Confirm = "confirm";
    public const string Redeem = "redeem";
    public const string Expire = "expire";
    public const string Reverse = "reverse";
    public const string Adjustment = "adjustment";
    /// <summary>Points moved between members when a customer's new address already had a member of its own (ADR-033).</summary>
    public const string Transfer = "transfer";
    /// <summary>
    /// The cost of a reward code that expired unused, given back by the expiry sweep (ADR-036). Not an <see cref="Earn"/>:
    /// points coming back do not count toward the tier.
    /// </summary>
    public const string CodeReturn = "code-return";
}
