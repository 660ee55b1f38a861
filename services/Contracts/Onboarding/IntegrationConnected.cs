namespace CustomerPlatform.Contracts.Onboarding;

/// <summary>The customer connected one of their tools (journey step 13); the API stored it.</summary>
public record IntegrationConnected
{
    public required Guid IntegrationId { get; init; }
    public required Guid CustomerId { get; init; }
    public required string Kind { get; init; }
    public required string Provider { get; init; }
    public required DateTimeOffset ConnectedAt { get; init; }
}
