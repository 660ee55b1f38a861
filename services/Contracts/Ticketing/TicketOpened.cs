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

    /// <summary>Where it came from (web, email, chat, phone, feedback); null from senders before the support desk.</summary>
    public string? Channel { get; init; }
    public string? Priority { get; init; }

    /// <summary>The store's order it is about, if any.</summary>
    public string? OrderId { get; init; }
}
