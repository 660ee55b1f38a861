namespace CustomerPlatform.Contracts.Onboarding;

/// <summary>
/// Internal to Onboarding: a staff member decided an approval (journey steps 6, 11, 19). The API has
/// already recorded the decision on the approval row, in the same transaction as this command.
/// </summary>
public record DecideApproval
{
    public required Guid ApprovalId { get; init; }
    public required Guid CustomerId { get; init; }
    public required int Step { get; init; }
    public required bool Approved { get; init; }
    public string? Reason { get; init; }
    public required Guid DecidedBy { get; init; }
    public required DateTimeOffset DecidedAt { get; init; }
}
