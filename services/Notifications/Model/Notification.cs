namespace CustomerPlatform.Notifications;

/// <summary>
/// One notification: a row of the delivery log (the customer's communication history) and an item
/// of their in-app inbox. Its id is the sender's <c>NotificationId</c>, so a repeated request meets
/// the primary key instead of creating a second email.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; init; }
    public Guid CustomerId { get; init; }
    public Guid? CorrelationId { get; init; }

    /// <summary>The notification's type: the name of its template.</summary>
    public required string Template { get; init; }
    public required string Category { get; init; }
    public string Channel { get; init; } = NotificationChannels.Email;
    public required string Recipient { get; init; }
    public string? RecipientName { get; init; }

    /// <summary>Null only when the request was refused before its subject could be rendered.</summary>
    public string? Subject { get; set; }

    public string Status { get; set; } = NotificationStatus.Queued;
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? FailedAt { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>The request's variables without the sensitive ones, kept as a record of what was sent.</summary>
    public Dictionary<string, string> Variables { get; set; } = [];

    /// <summary>The names (never the values) of the variables the sender marked sensitive.</summary>
    public List<string> SensitiveVariables { get; set; } = [];

    /// <summary>What the in-app inbox shows: the plain-text body with every sensitive value left out.</summary>
    public string? InboxText { get; set; }

    /// <summary>The conversation the email continues (a ticket's thread): In-Reply-To, References and Reply-To.</summary>
    public string? InReplyTo { get; init; }
    public List<string> References { get; init; } = [];
    public string? ReplyTo { get; init; }

    /// <summary>The email as it goes out. It may hold a secret (a verification link), so it lives only while queued.</summary>
    public string? HtmlBody { get; set; }
    public string? TextBody { get; set; }

    public bool IsFinal => Status != NotificationStatus.Queued;

    public void MarkSent(DateTimeOffset at)
    {
        Status = NotificationStatus.Sent;
        SentAt = at;
        NextAttemptAt = null;
        LastError = null;
        EraseOutgoingEmail();
    }

    public void MarkFailed(string status, string reason, DateTimeOffset at)
    {
        Status = status;
        LastError = reason;
        FailedAt = at;
        NextAttemptAt = null;
        EraseOutgoingEmail();
    }

    private void EraseOutgoingEmail()
    {
        HtmlBody = null;
        TextBody = null;
    }
}
