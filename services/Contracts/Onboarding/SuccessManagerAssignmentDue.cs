namespace CustomerPlatform.Contracts.Onboarding;

/// <summary>Internal to Onboarding: the journey's scheduled retry of step 7 when no CSM was available.</summary>
public record SuccessManagerAssignmentDue
{
    public required Guid CustomerId { get; init; }
}
