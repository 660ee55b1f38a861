namespace CustomerPlatform.Contracts.Onboarding;

/// <summary>
/// Journey step 7: the customer has a customer success manager; or, with
/// <see cref="PreviousSuccessManagerId"/>, their CSM left (deactivated or no longer a CSM) and this one
/// took over their journey, and Ticketing hands the customer's open tickets from the previous one over.
/// </summary>
public record SuccessManagerAssigned
{
    public required Guid CustomerId { get; init; }
    public required Guid SuccessManagerId { get; init; }
    public required string SuccessManagerName { get; init; }
    public required string SuccessManagerEmail { get; init; }
    public required DateTimeOffset AssignedAt { get; init; }

    /// <summary>Set on a handover: the CSM the customer had until now.</summary>
    public Guid? PreviousSuccessManagerId { get; init; }
}
