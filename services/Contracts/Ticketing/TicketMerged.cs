namespace CustomerPlatform.Contracts.Ticketing;

/// <summary>Staff merged <see cref="TicketId"/> into <see cref="IntoTicketId"/> (one customer's): the first is closed, its thread moved to the second.</summary>
public record TicketMerged
{
    public required Guid TicketId { get; init; }
    public required Guid IntoTicketId { get; init; }
    public required Guid CustomerId { get; init; }
    public required Guid MergedBy { get; init; }
    public required DateTimeOffset MergedAt { get; init; }
}
