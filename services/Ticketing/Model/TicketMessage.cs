namespace CustomerPlatform.Ticketing;

/// <summary>One message of a ticket's thread.</summary>
public sealed class TicketMessage
{
    public Guid Id { get; init; }
    public Guid TicketId { get; init; }

    /// <summary>How it reached us: one of <see cref="TicketChannels"/> (a staff reply: the app).</summary>
    public string Channel { get; init; } = TicketChannels.Web;

    /// <summary>The Message-ID of the email it came in (without angle brackets); the customer's next email names it to join the thread.</summary>
    public string? EmailMessageId { get; init; }
    public Guid AuthorId { get; init; }

    /// <summary>The author's name when it was written; a staff member's current name from the directory wins when shown.</summary>
    public string? AuthorName { get; init; }

    /// <summary>One of <see cref="AuthorRoles"/>.</summary>
    public required string AuthorRole { get; init; }

    public required string Body { get; init; }

    /// <summary>A staff note: only staff see it, and nobody is emailed.</summary>
    public bool Internal { get; init; }

    /// <summary>The customer's message's sentiment (null for staff's own messages).</summary>
    public double? SentimentScore { get; init; }
    public string? SentimentLabel { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public List<TicketAttachment> Attachments { get; init; } = [];
}
