namespace CustomerPlatform.Contracts.Onboarding;

/// <summary>
/// Internal to Onboarding: the customer asked a question (journey step 15). The API chose
/// <see cref="TicketId"/> and answered with it; the journey opens the ticket for the CSM.
/// </summary>
public record AskOnboardingQuestion
{
    public required Guid CustomerId { get; init; }
    public required Guid TicketId { get; init; }
    public required string Subject { get; init; }
    public required string Body { get; init; }
    public required DateTimeOffset AskedAt { get; init; }
}
