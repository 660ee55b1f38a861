namespace CustomerPlatform.Customers;

/// <summary>
/// One thing that happened to a customer, in any service: when, what kind, which service said so, a short text
/// and a link to the thing. <see cref="SourceKey"/> names the event it came from (unique), so an event delivered
/// twice makes one entry; entries are read by their own time, so the order they arrive in does not matter.
/// A guest's entry (an order before its address signs up) has an address and no customer until then.
/// </summary>
public sealed class TimelineEntry
{
    public required Guid Id { get; init; }
    public Guid? CustomerId { get; set; }
    public string? Email { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Kind { get; init; }
    public required string Source { get; init; }
    public required string Text { get; init; }
    public string? Link { get; init; }
    /// <summary>Who wrote it, for staff notes and logged contacts.</summary>
    public Guid? AuthorId { get; init; }
    public required string SourceKey { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
    /// <summary>The number the analytics read from an entry: a journey step's number, a survey's score.</summary>
    public decimal? Metric { get; init; }
}

/// <summary>The kinds of timeline entries.</summary>
public static class TimelineKinds
{
    public const string SignedUp = "signed-up";
    public const string EmailVerified = "email-verified";
    public const string EmailChanged = "email-changed";
    public const string StepCompleted = "journey-step";
    public const string OnboardingCompleted = "onboarding-completed";
    public const string SuccessManagerAssigned = "csm-assigned";
    public const string SurveyAnswered = "survey-answered";
    public const string TicketOpened = "ticket-opened";
    public const string EmailSent = "email-sent";
    public const string EmailFailed = "email-failed";
    public const string TrainingCompleted = "training-completed";
    public const string TrainingEnrolled = "training-enrolled";
    public const string TrainingAttemptsExhausted = "training-attempts-exhausted";
    public const string TicketAnswered = "ticket-answered";
    public const string TicketSolved = "ticket-solved";
    public const string TicketRated = "ticket-rated";
    public const string TicketMerged = "ticket-merged";
    public const string DetailsSubmitted = "details-submitted";
    public const string ProfileChanged = "profile-changed";
    public const string Order = "order";
    public const string Return = "return";
    /// <summary>Loyalty points earned (the metric: the points).</summary>
    public const string LoyaltyPoints = "loyalty-points";
    /// <summary>A loyalty reward redeemed (the metric: the points spent, negative).</summary>
    public const string LoyaltyReward = "loyalty-reward";
    public const string LoyaltyTier = "loyalty-tier";
    public const string Note = "note";
    public const string Call = "call";
    public const string Meeting = "meeting";
}
