namespace CustomerPlatform.Ticketing;

/// <summary>
/// A file that came with a customer's message (an email's attachment). One over the size limit is
/// recorded without its content (<see cref="Kept"/> false), so the agent knows it was sent and can ask for it.
/// </summary>
public sealed class TicketAttachment
{
    public Guid Id { get; init; }
    public Guid TicketId { get; init; }
    public Guid MessageId { get; init; }

    /// <summary>Its place among the message's files, from 0, in the order they came.</summary>
    public int Position { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public long Size { get; init; }
    public byte[]? Content { get; init; }
    public bool Kept { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
