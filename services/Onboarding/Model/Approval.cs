namespace CustomerPlatform.Onboarding;

/// <summary>
/// A request for a staff decision on step 6, 11 or 19. The saga creates it; the API records the
/// decision (guarded by <see cref="Status"/> as a concurrency token, so a second decision loses).
/// </summary>
public sealed class Approval
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    public string CustomerName { get; set; } = "";
    public string CustomerEmail { get; set; } = "";
    public int Step { get; set; }

    /// <summary>The customer's CSM when the request was made (null for step 6, which any CSM may decide).</summary>
    public Guid? SuccessManagerId { get; set; }

    public string Status { get; set; } = ApprovalStatuses.Pending;
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public Guid? DecidedBy { get; set; }
    public string? Reason { get; set; }
}
