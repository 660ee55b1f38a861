namespace CustomerPlatform.Contracts.Ticketing;

public record TicketOpened
{
    public required Guid TicketId { get; init; }
    public required Guid CustomerId { get; init; }
    public Guid? AssigneeId { get; init; }
    public required string Kind { get; init; }
    public required string Subject { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }
    public Guid? CorrelationId { get; init; }
}
