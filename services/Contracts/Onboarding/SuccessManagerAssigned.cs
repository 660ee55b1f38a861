namespace CustomerPlatform.Contracts.Onboarding;

/// <summary>Journey step 7: the customer has a customer success manager.</summary>
public record SuccessManagerAssigned
{
    public required Guid CustomerId { get; init; }
    public required Guid SuccessManagerId { get; init; }
    public required string SuccessManagerName { get; init; }
    public required string SuccessManagerEmail { get; init; }
    public required DateTimeOffset AssignedAt { get; init; }
}
