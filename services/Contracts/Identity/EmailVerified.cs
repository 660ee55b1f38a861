namespace CustomerPlatform.Contracts.Identity;

/// <summary>The customer proved they own their address with a verification token (journey step 3).</summary>
public record EmailVerified
{
    public required Guid CustomerId { get; init; }
    public required string Email { get; init; }
    public required DateTimeOffset VerifiedAt { get; init; }
}
