namespace CustomerPlatform.Ticketing;

/// <summary>A ticket in a list: everything but its thread.</summary>
public sealed record TicketSummary(
    Guid TicketId, Guid CustomerId, string? CustomerName, Guid? AssigneeId, string? Queue, string Kind, string Subject, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static TicketSummary Of(Ticket t) =>
        new(t.Id, t.CustomerId, t.CustomerName, t.AssigneeId, t.Queue, t.Kind, t.Subject, t.Status, t.CreatedAt, t.UpdatedAt);
}
