namespace CustomerPlatform.Contracts.Onboarding;

/// <summary>Internal to Onboarding: the customer opened a feature of the product tour (journey step 14).</summary>
public record ExploreFeature
{
    public required Guid CustomerId { get; init; }
    public required string Feature { get; init; }
    public required DateTimeOffset ExploredAt { get; init; }
}
