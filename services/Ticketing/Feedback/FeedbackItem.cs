namespace CustomerPlatform.Ticketing;

/// <summary>
/// What someone said about the business elsewhere (a review, a social mention, a survey comment), with its
/// sentiment; a negative one opened <see cref="TicketId"/>. Its id comes from its source's own id, so the
/// same item sent again is the same row.
/// </summary>
public sealed class FeedbackItem
{
    public Guid Id { get; init; }
    public required string Source { get; init; }
    public required string ExternalId { get; init; }
    public string? Author { get; init; }
    public string? AuthorEmail { get; init; }
    public required string Text { get; init; }
    public string? Link { get; init; }

    /// <summary>The source's own rating (stars, NPS), 0 to 10, if it has one.</summary>
    public int? Rating { get; init; }

    public double SentimentScore { get; init; }
    public required string SentimentLabel { get; init; }
    public DateTimeOffset PostedAt { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public Guid? TicketId { get; set; }
}
