namespace CustomerPlatform.Contracts.Onboarding;

/// <summary>Internal to Onboarding: the customer accepted or declined advanced training (journey step 17).</summary>
public record AnswerAdvancedTrainingOffer
{
    public required Guid CustomerId { get; init; }
    public required bool Accept { get; init; }
    public required DateTimeOffset AnsweredAt { get; init; }
}
