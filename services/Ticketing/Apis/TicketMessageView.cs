namespace CustomerPlatform.Ticketing;

/// <summary>
/// A message as the thread shows it; <see cref="AuthorRole"/> is "customer" or "staff". <see cref="Internal"/>
/// notes and the <see cref="Sentiment"/> of the customer's messages are shown to staff only. <see cref="Channel"/>
/// says how it reached us; <see cref="Attachments"/> are the files it came with.
/// </summary>
public sealed record TicketMessageView(
    Guid MessageId, Guid TicketId, Guid AuthorId, string AuthorName, string AuthorRole, string Body, bool Internal, string? Sentiment, DateTimeOffset CreatedAt,
    string Channel, IReadOnlyList<AttachmentView> Attachments);

/// <summary>A message's file: <see cref="Kept"/> false when it was over the size limit (listed, not downloadable).</summary>
public sealed record AttachmentView(Guid AttachmentId, string FileName, string ContentType, long Size, bool Kept);
