namespace CustomerPlatform.Ticketing;

/// <summary>One message of a ticket's thread.</summary>
public sealed class TicketMessage
{
    public Guid Id { get; init; }
    public Guid TicketId { get; init; }
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
}
