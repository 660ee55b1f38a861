namespace CustomerPlatform.Ticketing;

/// <summary>
/// The list's query string: <c>status</c> (one or several, comma-separated) and the shared
/// <see cref="Paging"/> (<c>page</c>, <c>pageSize</c>). Parsed here rather than bound, so a bad value
/// gets a 400 that names the parameter.
/// </summary>
public sealed record TicketListQuery(IReadOnlyList<string> Statuses, Paging Paging)
{
    public static TicketListQuery Parse(string? status, string? page, string? pageSize, Dictionary<string, string[]> errors)
    {
        var statuses = (status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (statuses.FirstOrDefault(s => !TicketStatuses.All.Contains(s)) is { } unknown)
            errors["status"] = [$"Unknown status '{unknown}'; known: {string.Join(", ", TicketStatuses.All)}."];
        Paging.TryParse(page, pageSize, out var paging, errors);
        return new TicketListQuery(statuses.Distinct().ToList(), paging);
    }
}
