namespace CustomerPlatform.Loyalty.Expiry;

/// <summary>
/// A lot whose member was told it expires: one row per lot, inserted with the request for the email in one transaction,
/// so neither a second sweep, nor another replica's, nor a restart asks for it again (ADR-036).
/// </summary>
public sealed class ExpiryWarning
{
    /// <summary>The id of the entry that opened the lot.</summary>
    public Guid LotId { get; set; }
    public Guid MemberId { get; set; }
    public DateTimeOffset WarnedAt { get; set; }
}
