namespace CustomerPlatform.Ticketing;

/// <summary>
/// A message as the thread shows it; <see cref="AuthorRole"/> is "customer" or "staff". <see cref="Internal"/>
/// notes and the <see cref="Sentiment"/> of the customer's messages are shown to staff only.
/// </summary>
public sealed record TicketMessageView(
    Guid MessageId, Guid TicketId, Guid AuthorId, string AuthorName, string AuthorRole, string Body, bool Internal, string? Sentiment, DateTimeOffset CreatedAt);
