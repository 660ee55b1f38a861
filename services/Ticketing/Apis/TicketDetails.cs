namespace CustomerPlatform.Ticketing;

/// <summary>One ticket with its thread, oldest message first.</summary>
public sealed record TicketDetails(
    Guid TicketId, Guid CustomerId, string? CustomerName, Guid? AssigneeId, string? Queue, string Kind, string Subject, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<TicketMessageView> Messages);
