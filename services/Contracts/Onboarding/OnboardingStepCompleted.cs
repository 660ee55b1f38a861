namespace CustomerPlatform.Contracts.Onboarding;

/// <summary>A step of the customer's journey completed (Loyalty and the CRM view listen).</summary>
public record OnboardingStepCompleted
{
    public required Guid CustomerId { get; init; }
    public required int Step { get; init; }
    public required string Key { get; init; }
    public required DateTimeOffset CompletedAt { get; init; }
}
