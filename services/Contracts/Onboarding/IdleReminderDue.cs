namespace CustomerPlatform.Contracts.Onboarding;

/// <summary>Internal to Onboarding: the journey's scheduled timeout for a customer idle on <see cref="Step"/>.</summary>
public record IdleReminderDue
{
    public required Guid CustomerId { get; init; }
    public required int Step { get; init; }
}
