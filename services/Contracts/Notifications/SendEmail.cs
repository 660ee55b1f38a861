namespace CustomerPlatform.Contracts.Notifications;

/// <summary>
/// Asks Notifications to send one email. <see cref="NotificationId"/> is the idempotency key: a
/// second request with the same id never sends a second email. <see cref="Template"/> names one of
/// Notifications' templates (see <see cref="EmailTemplates"/>), which also decides the category a
/// customer may opt out of. Values listed in <see cref="SensitiveVariables"/> (a verification or
/// reset link) are erased from Notifications' records once the email is out.
/// </summary>
public record SendEmail
{
    public required Guid NotificationId { get; init; }

    /// <summary>The customer the email is about (their inbox and history); Guid.Empty for none.</summary>
    public required Guid CustomerId { get; init; }

    public required string To { get; init; }
    public string? RecipientName { get; init; }
    public required string Template { get; init; }
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string> SensitiveVariables { get; init; } = [];

    /// <summary>Threading headers for an email that continues a conversation (a ticket's reply); null for none.</summary>
    public EmailThreading? Threading { get; init; }

    /// <summary>The saga or flow that asked, echoed on <see cref="EmailDelivered"/> and <see cref="EmailFailed"/>.</summary>
    public Guid? CorrelationId { get; init; }
}
