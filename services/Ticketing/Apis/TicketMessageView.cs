namespace CustomerPlatform.Ticketing;

/// <summary>A message as the thread shows it; <see cref="AuthorRole"/> is "customer" or "staff".</summary>
public sealed record TicketMessageView(Guid MessageId, Guid AuthorId, string AuthorName, string AuthorRole, string Body, DateTimeOffset CreatedAt);
