namespace CustomerPlatform.Onboarding;

/// <summary>An onboarding question (step 15), a ticket for the CSM; step 16 waits until each has an answer.</summary>
public sealed class Question
{
    public Guid TicketId { get; set; }
    public Guid CustomerId { get; set; }
    public string Subject { get; set; } = "";
    public DateTimeOffset AskedAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
}
