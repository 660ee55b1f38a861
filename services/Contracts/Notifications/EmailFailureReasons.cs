namespace CustomerPlatform.Contracts.Notifications;

/// <summary>
/// The codes <see cref="EmailFailed.Reason"/> starts with, followed by <c>": "</c> and details for a
/// person (e.g. <c>"opted-out: the customer turned off onboarding emails"</c>). Compare with
/// <c>Reason.StartsWith(code + ":")</c>.
/// </summary>
public static class EmailFailureReasons
{
    /// <summary>The customer turned off the template's category; nothing was sent, by their choice.</summary>
    public const string OptedOut = "opted-out";

    /// <summary>The request could not be sent as asked: unknown template, invalid recipient or variables.</summary>
    public const string InvalidRequest = "invalid-request";

    /// <summary>The SMTP server refused the email for good (no such mailbox, content rejected).</summary>
    public const string Rejected = "rejected";

    /// <summary>Every delivery attempt failed (the SMTP server was unreachable or kept deferring).</summary>
    public const string RetriesExhausted = "retries-exhausted";
}
