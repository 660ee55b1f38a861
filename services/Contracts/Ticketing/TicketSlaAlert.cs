namespace CustomerPlatform.Contracts.Ticketing;

/// <summary>
/// A ticket reached 75 % of an SLA target (<see cref="Kind"/> "warning") or the target itself ("breach"):
/// for the ticket's queue and owner. <see cref="Metric"/> is first-response, next-response or resolution.
/// </summary>
public record TicketSlaAlert
{
    public required Guid TicketId { get; init; }
    public required long Number { get; init; }
    public required string Metric { get; init; }
    public required string Kind { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public required string Priority { get; init; }
    public string? Queue { get; init; }
    public Guid? AssigneeId { get; init; }
    public required DateTimeOffset At { get; init; }
}
