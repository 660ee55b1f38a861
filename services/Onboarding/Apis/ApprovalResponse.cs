namespace CustomerPlatform.Onboarding;

/// <summary>An item of the staff approval queue; <see cref="Details"/> is what step 6 asks the approver to judge.</summary>
public sealed record ApprovalResponse(
    Guid ApprovalId,
    Guid CustomerId,
    string CustomerName,
    string CustomerEmail,
    int Step,
    string StepKey,
    string Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset? DecidedAt,
    Guid? DecidedBy,
    string? Reason,
    CustomerDetails? Details);
