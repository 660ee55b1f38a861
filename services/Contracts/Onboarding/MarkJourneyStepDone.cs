namespace CustomerPlatform.Contracts.Onboarding;

/// <summary>Internal to Onboarding: the customer says a step is done (13, 14 or 15, by its key).</summary>
public record MarkJourneyStepDone
{
    public required Guid CustomerId { get; init; }
    public required string Key { get; init; }
    public required DateTimeOffset DoneAt { get; init; }
}
