namespace CustomerPlatform.Onboarding;

/// <summary>A step's status, as the journey JSON shows it.</summary>
public static class StepStatuses
{
    public const string Pending = "pending";
    public const string Active = "active";
    public const string AwaitingApproval = "awaiting-approval";
    public const string Completed = "completed";
    public const string Rejected = "rejected";
    public const string Skipped = "skipped";
}
