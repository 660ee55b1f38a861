namespace CustomerPlatform.Contracts.Onboarding;

/// <summary>Internal to Onboarding: the customer saved their personal profile (journey step 12).</summary>
public record SaveJourneyProfile
{
    public required Guid CustomerId { get; init; }
    public required string Headline { get; init; }
    public required string Bio { get; init; }
    public required IReadOnlyList<string> Expertise { get; init; }
    public required DateTimeOffset SavedAt { get; init; }
}
