namespace CustomerPlatform.Ticketing;

/// <summary>A phone call an agent logged on a ticket: its note in the thread is <see cref="MessageId"/>.</summary>
public sealed class TicketCall
{
    public const string Inbound = "inbound", Outbound = "outbound";
    public static readonly IReadOnlyList<string> Directions = [Inbound, Outbound];

    public Guid MessageId { get; init; }
    public Guid TicketId { get; init; }
    public required string Direction { get; init; }
    public string? CallerName { get; init; }
    public string? CallerPhone { get; init; }
    public int DurationSeconds { get; init; }
    public Guid LoggedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
