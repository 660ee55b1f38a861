namespace CustomerPlatform.Onboarding;

/// <summary>Where one step of one journey stands; stored in the journey's <c>steps</c> column.</summary>
public sealed class StepRecord
{
    public int Number { get; set; }
    public string Status { get; set; } = StepStatuses.Pending;
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>When the status last changed (every transition records its time).</summary>
    public DateTimeOffset? ChangedAt { get; set; }

    public string? Note { get; set; }
}
