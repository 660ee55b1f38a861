namespace CustomerPlatform.Contracts.Onboarding;

/// <summary>Internal to Onboarding: the customer submitted the details form (journey step 5); the API validated it.</summary>
public record SubmitJourneyDetails
{
    public required Guid CustomerId { get; init; }
    public required string Company { get; init; }
    public required string JobTitle { get; init; }
    public required int TeamSize { get; init; }
    public string? Goals { get; init; }
    public required string Phone { get; init; }
    public required string Timezone { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
}
