using System.Linq.Expressions;

namespace CustomerPlatform.Ticketing;

/// <summary>A ticket in a list: everything but its thread.</summary>
public sealed record TicketSummary(
    Guid TicketId, long Number, Guid CustomerId, string? CustomerName, Guid? AssigneeId, string? Queue, string Kind, string Subject, string Status,
    string Priority, string Channel, IReadOnlyList<string> Tags, string? OrderId, Guid? FollowUpOf,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? SolvedAt, DateTimeOffset? ClosedAt, DateTimeOffset? SlaDueAt, bool SlaBreached)
{
    /// <summary>The summary as a query's projection: a list reads these columns, not whole tickets with their SLA clock's JSON.</summary>
    public static readonly Expression<Func<Ticket, TicketSummary>> Projection = t =>
        new TicketSummary(t.Id, t.Number, t.CustomerId, t.CustomerName, t.AssigneeId, t.Queue, t.Kind, t.Subject, t.Status,
            t.Priority, t.Channel, t.Tags, t.OrderId, t.FollowUpOf, t.CreatedAt, t.UpdatedAt, t.SolvedAt, t.ClosedAt, t.SlaDueAt, t.SlaBreached);

    private static readonly Func<Ticket, TicketSummary> FromTicket = Projection.Compile();

    public static TicketSummary Of(Ticket t) => FromTicket(t);
}
