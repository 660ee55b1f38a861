namespace CustomerPlatform.Contracts.Notifications;

/// <summary>
/// The headers that make an email part of a conversation (RFC 5322 section 3.6.4): the customer's mail
/// client shows it in the thread of <see cref="InReplyTo"/> and <see cref="References"/>, and their answer
/// goes to <see cref="ReplyTo"/>, carrying this email's Message-ID back in its own In-Reply-To, so the
/// sender can tell which conversation the answer belongs to. Message ids are written without angle brackets.
/// </summary>
public record EmailThreading
{
    /// <summary>The Message-ID of the email this one answers.</summary>
    public string? InReplyTo { get; init; }

    /// <summary>The Message-IDs of the conversation so far, oldest first.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>
    /// Earlier emails of the conversation that Notifications sent, by their NotificationId: Notifications
    /// knows the Message-IDs it gave them and adds them to <see cref="References"/>.
    /// </summary>
    public IReadOnlyList<Guid> ReferencedNotifications { get; init; } = [];

    /// <summary>The address the customer's answer should go to (the support desk's inbound address).</summary>
    public string? ReplyTo { get; init; }
}
