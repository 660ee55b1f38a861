namespace CustomerPlatform.Ticketing;

/// <summary>
/// The customer's rating of a solved ticket (CSAT): one per ticket, its primary key. Who and which queue
/// it rates are kept as they were then, for the reports per agent and queue.
/// </summary>
public sealed class SatisfactionRating
{
    public Guid TicketId { get; init; }
    public Guid CustomerId { get; init; }
    public Guid? AgentId { get; init; }
    public string? Queue { get; init; }
    public required string Channel { get; init; }

    /// <summary>1 (very unsatisfied) to 5 (very satisfied).</summary>
    public int Score { get; init; }
    public string? Comment { get; init; }
    public double? CommentSentimentScore { get; init; }
    public string? CommentSentimentLabel { get; init; }
    public DateTimeOffset RatedAt { get; init; }
}
