namespace CustomerPlatform.Ticketing;

/// <summary>
/// The list's query string: <c>status</c> (one or several, comma-separated), <c>assignee</c>
/// (<c>me</c>: assigned to the caller; <c>none</c>: in a queue, nobody's yet) and the shared
/// <see cref="Paging"/> (<c>page</c>, <c>pageSize</c>). Parsed here rather than bound, so a bad value
/// gets a 400 that names the parameter.
/// </summary>
public sealed record TicketListQuery(IReadOnlyList<string> Statuses, string? Assignee, Paging Paging)
{
    public const string AssignedToMe = "me", Unassigned = "none";

    public static TicketListQuery Parse(string? status, string? assignee, string? page, string? pageSize, Dictionary<string, string[]> errors)
    {
        if (assignee is not (null or AssignedToMe or Unassigned))
            errors["assignee"] = [$"'assignee' must be '{AssignedToMe}' or '{Unassigned}'."];
        var statuses = (status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (statuses.FirstOrDefault(s => !TicketStatuses.All.Contains(s)) is { } unknown)
            errors["status"] = [$"Unknown status '{unknown}'; known: {string.Join(", ", TicketStatuses.All)}."];
        Paging.TryParse(page, pageSize, out var paging, errors);
        return new TicketListQuery(statuses.Distinct().ToList(), assignee, paging);
    }
}
