using System.Security.Claims;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// The list's query string: <c>status</c>, <c>priority</c>, <c>channel</c> (each one or several, comma-separated), <c>assignee</c>
/// (<c>me</c>: assigned to the caller; <c>none</c>: in a queue, nobody's yet), <c>queue</c> (waiting in that queue), <c>sla</c> (<c>breaching</c>: an SLA
/// target due soon or already missed, the soonest first) and the shared
/// <see cref="Paging"/> (<c>page</c>, <c>pageSize</c>). Parsed here rather than bound, so a bad value
/// gets a 400 that names the parameter.
/// </summary>
public sealed record TicketListQuery(
    IReadOnlyList<string> Statuses, IReadOnlyList<string> Priorities, IReadOnlyList<string> Channels, string? Assignee, string? Queue, string? Sla,
    Paging Paging)
{
    public const string AssignedToMe = "me", Unassigned = "none", Breaching = "breaching";

    public static TicketListQuery Parse(
        string? status, string? priority, string? channel, string? assignee, string? queue, string? sla, string? page, string? pageSize,
        RoutingOptions routing, Dictionary<string, string[]> errors)
    {
        if (queue is not null && !routing.IsQueue(queue))
            errors["queue"] = [$"Unknown queue '{queue}'; known: {string.Join(", ", routing.AllQueues().Select(q => q.Key))}."];
        if (assignee is not (null or AssignedToMe or Unassigned))
            errors["assignee"] = [$"'assignee' must be '{AssignedToMe}' or '{Unassigned}'."];
        if (sla is not (null or Breaching))
            errors["sla"] = [$"'sla' must be '{Breaching}'."];
        Paging.TryParse(page, pageSize, out var paging, errors);
        return new TicketListQuery(
            List(status, "status", TicketStatuses.All, errors),
            List(priority, "priority", TicketPriorities.All, errors),
            List(channel, "channel", TicketChannels.All, errors),
            assignee, queue, sla, paging);
    }

    /// <summary>The tickets of <paramref name="tickets"/> that match the filters; <paramref name="soon"/> is the end of "breaching soon".</summary>
    public IQueryable<Ticket> Apply(IQueryable<Ticket> tickets, ClaimsPrincipal user, DateTimeOffset soon)
    {
        // One status is an equality rather than "= ANY (array)": then an index on (queue or assignee, status, created_at)
        // yields that status's tickets newest first, in any plan PostgreSQL caches for the prepared statement.
        if (Statuses is [var only])
            tickets = tickets.Where(t => t.Status == only);
        else if (Statuses.Count > 0)
            tickets = tickets.Where(t => Statuses.Contains(t.Status));
        if (Priorities.Count > 0)
            tickets = tickets.Where(t => Priorities.Contains(t.Priority));
        if (Channels.Count > 0)
            tickets = tickets.Where(t => Channels.Contains(t.Channel));
        if (Assignee == AssignedToMe)
        {
            var me = user.GetCustomerId();
            tickets = tickets.Where(t => t.AssigneeId == me);
        }
        else if (Assignee == Unassigned)
        {
            tickets = tickets.Where(t => t.AssigneeId == null);
        }
        if (Queue is not null)
            tickets = tickets.Where(t => t.Queue == Queue);
        if (Sla == Breaching)
            tickets = tickets.Where(t => t.SlaDueAt != null && (t.SlaBreached || t.SlaDueAt <= soon));
        return tickets;
    }

    /// <summary>The list's order: the soonest SLA due first when breaching, otherwise the newest first; ties by id.</summary>
    public IQueryable<Ticket> InOrder(IQueryable<Ticket> tickets) =>
        Sla == Breaching
            ? tickets.OrderBy(t => t.SlaDueAt).ThenBy(t => t.Id)
            : tickets.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id);

    /// <summary>One value or several, comma-separated, each of <paramref name="known"/>.</summary>
    private static List<string> List(string? values, string field, IReadOnlyList<string> known, Dictionary<string, string[]> errors)
    {
        var list = (values ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (list.FirstOrDefault(v => !known.Contains(v)) is { } unknown)
            errors[field] = [$"Unknown {field} '{unknown}'; known: {string.Join(", ", known)}."];
        return list.Distinct().ToList();
    }
}
