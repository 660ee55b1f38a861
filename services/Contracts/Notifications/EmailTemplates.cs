namespace CustomerPlatform.Contracts.Notifications;

/// <summary>The names of the email templates Notifications knows; senders name one in <see cref="SendEmail.Template"/>.</summary>
public static class EmailTemplates
{
    /// <summary>Variables: <c>displayName</c>, <c>verificationLink</c> (sensitive), <c>expiresInHours</c>.</summary>
    public const string VerifyEmail = "verify-email";

    /// <summary>Sent instead of a verification email when a verified address signs up again. Variables: <c>displayName</c>, <c>signInLink</c>, <c>resetLink</c>.</summary>
    public const string AlreadyRegistered = "already-registered";

    /// <summary>Variables: <c>displayName</c>, <c>resetLink</c> (sensitive), <c>expiresInMinutes</c>.</summary>
    public const string ResetPassword = "reset-password";

    /// <summary>Variables: <c>displayName</c>, <c>change</c> (what changed, in words), <c>changedAt</c> (ISO 8601, e.g. <c>DateTimeOffset.ToString("u")</c> or <c>"O"</c>).</summary>
    public const string AccountChanged = "account-changed";

    /// <summary>
    /// Journey step 8: the assigned customer success manager introduces themself (category onboarding,
    /// which a customer may turn off). Variables: <c>displayName</c>, <c>managerName</c>,
    /// <c>managerEmail</c>, <c>journeyLink</c>, optionally <c>managerMessage</c> (a few lines from the manager).
    /// </summary>
    public const string SuccessManagerIntroduction = "success-manager-introduction";
}
