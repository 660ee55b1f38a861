namespace CustomerPlatform.Contracts.Onboarding;

/// <summary>Journey step 5: the customer told us about themselves (the CRM keeps it on their profile).</summary>
public record CustomerDetailsSubmitted
{
    public required Guid CustomerId { get; init; }
    public required string Company { get; init; }
    public required string JobTitle { get; init; }
    public required int TeamSize { get; init; }
    public required string Phone { get; init; }
    public required string Timezone { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
}
