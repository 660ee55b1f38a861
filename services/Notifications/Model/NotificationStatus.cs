namespace CustomerPlatform.Notifications;

/// <summary>Where a notification stands. Every status but <see cref="Queued"/> is final.</summary>
public static class NotificationStatus
{
    /// <summary>Accepted and waiting for (or between) delivery attempts.</summary>
    public const string Queued = "queued";

    /// <summary>The SMTP server accepted the email.</summary>
    public const string Sent = "sent";

    /// <summary>Given up: invalid request, rejected by the server, or every retry failed.</summary>
    public const string Failed = "failed";

    /// <summary>
    /// Not sent because the customer turned the category's emails off. Kept apart from
    /// <see cref="Failed"/> so the history tells a customer's choice from a fault.
    /// </summary>
    public const string Suppressed = "suppressed";
}
