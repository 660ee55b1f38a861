namespace CustomerPlatform.Contracts.Onboarding;

/// <summary>Internal to Onboarding: the journey's scheduled timeout for an approval waiting too long.</summary>
public record ApprovalReminderDue
{
    public required Guid CustomerId { get; init; }
    public required Guid ApprovalId { get; init; }
}
