namespace CustomerPlatform.Contracts.Ticketing;

/// <summary>
/// A staff member (not the requester) posted a reply on a ticket. Published for every staff reply;
/// Onboarding completes step 16 once each of the customer's onboarding questions has one.
/// </summary>
public record TicketAnswered
{
    public required Guid TicketId { get; init; }
    public required Guid CustomerId { get; init; }
    public required string Kind { get; init; }
    public required Guid AnsweredBy { get; init; }
    public required DateTimeOffset AnsweredAt { get; init; }
    public Guid? CorrelationId { get; init; }
}
