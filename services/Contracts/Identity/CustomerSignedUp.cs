namespace CustomerPlatform.Contracts.Identity;

/// <summary>Identity accepted a new customer's sign-up (journey step 1). Published with the user row, through the bus outbox.</summary>
public record CustomerSignedUp
{
    public required Guid CustomerId { get; init; }
    public required string Email { get; init; }
    public required string DisplayName { get; init; }
    public required DateTimeOffset SignedUpAt { get; init; }
}
