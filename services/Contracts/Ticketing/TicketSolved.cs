namespace CustomerPlatform.Contracts.Ticketing;

/// <summary>A ticket was solved (by staff or by its requester). Published each time it is solved; the customer is asked to rate it once.</summary>
public record TicketSolved
{
    public required Guid TicketId { get; init; }
    public required Guid CustomerId { get; init; }
    public Guid? AssigneeId { get; init; }
    public required string Subject { get; init; }
    public required DateTimeOffset SolvedAt { get; init; }
    public Guid? SolvedBy { get; init; }
}
