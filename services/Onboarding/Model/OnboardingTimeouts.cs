namespace CustomerPlatform.Onboarding;

/// <summary>Configuration section <c>Onboarding:Timeouts</c>, as TimeSpans (tests shorten them to seconds).</summary>
public sealed class OnboardingTimeouts
{
    /// <summary>How long an approval waits before its approvers are reminded; unset means one business day (Saturday and Sunday do not count).</summary>
    public TimeSpan? ApprovalReminder { get; set; }

    /// <summary>How long a customer may idle on a step before its one reminder.</summary>
    public TimeSpan IdleReminder { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long step 7 waits before trying again when no CSM is active.</summary>
    public TimeSpan SuccessManagerRetry { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan ApprovalReminderAfter(DateTimeOffset requestedAt) =>
        ApprovalReminder ?? BusinessDays.AddOne(requestedAt) - requestedAt;
}
