namespace CustomerPlatform.Ticketing;

/// <summary>
/// What staff see beside a ticket about its requester: who they are, their CSM, their latest orders (from the support
/// desk's copy), their other tickets the caller may open, how their recent messages sounded and how they rated us.
/// </summary>
/// <param name="LoyaltyTier">The requester's tier as Loyalty last announced it (<see cref="CustomerLoyaltyTier"/>); null before it told one.</param>
public sealed record TicketContext(
    Guid TicketId, TicketContext.RequesterView Requester, TicketContext.ManagerView? SuccessManager, IReadOnlyList<TicketContext.OrderView> RecentOrders,
    string? LoyaltyTier, IReadOnlyList<TicketContext.TicketView> OtherTickets, TicketContext.SentimentView Sentiment,
    TicketContext.SatisfactionSummary Satisfaction)
{
    /// <summary>The requester's name and address as Identity last told them, else as the ticket has them.</summary>
    public sealed record RequesterView(Guid CustomerId, string? Name, string? Email);

    public sealed record ManagerView(Guid ManagerId, string Name, string Email);

    /// <summary>One order; <see cref="Total"/> is null for orders copied before the copy kept totals.</summary>
    public sealed record OrderView(string OrderId, string Status, decimal? Total, string? Currency, DateTimeOffset? PlacedAt, DateTimeOffset? DeliveredAt);

    public sealed record TicketView(Guid TicketId, long Number, string Subject, string Status, DateTimeOffset CreatedAt);

    /// <summary>
    /// The sentiment of the requester's latest <see cref="TicketContextApi.SentimentWindow"/> messages: how many, their
    /// average score (-1..1, null without any), how many of each label, and the label of the latest one.
    /// </summary>
    public sealed record SentimentView(int Messages, double? AverageScore, int Positive, int Neutral, int Negative, string? LatestLabel);

    /// <summary>Every rating the requester gave (CSAT, 1..5): how many and their average (null without any).</summary>
    public sealed record SatisfactionSummary(int Ratings, double? AverageScore);
}
