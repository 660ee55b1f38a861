namespace CustomerPlatform.Contracts.Onboarding;

/// <summary>The customer finished the journey (step 19 approved, or advanced training declined at 17).</summary>
public record OnboardingCompleted
{
    public required Guid CustomerId { get; init; }
    public Guid? SuccessManagerId { get; init; }
    public required bool AdvancedTrainingTaken { get; init; }
    public required DateTimeOffset CompletedAt { get; init; }
}
