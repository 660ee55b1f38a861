namespace CustomerPlatform.Contracts.Ticketing;

/// <summary>The customer rated a solved ticket (CSAT, 1 to 5): once per ticket.</summary>
public record TicketRated
{
    public required Guid TicketId { get; init; }
    public required Guid CustomerId { get; init; }
    public Guid? AgentId { get; init; }
    public required int Score { get; init; }
    public string? Comment { get; init; }
    public required DateTimeOffset RatedAt { get; init; }
}
