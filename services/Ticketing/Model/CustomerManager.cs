namespace CustomerPlatform.Ticketing;

/// <summary>A customer's current customer success manager, from Onboarding's <c>SuccessManagerAssigned</c>.</summary>
public sealed class CustomerManager
{
    public Guid CustomerId { get; init; }
    public Guid ManagerId { get; set; }
    public required string ManagerName { get; set; }
    public required string ManagerEmail { get; set; }
    public DateTimeOffset AssignedAt { get; set; }
}
