using System.Globalization;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// The list's query string: <c>status</c> (one or several, comma-separated), <c>page</c> (from 1) and
/// <c>pageSize</c> (1 to 100, default 20). Parsed here rather than bound, so a bad value gets a 400
/// that names the parameter.
/// </summary>
public sealed record TicketListQuery(IReadOnlyList<string> Statuses, int Page, int PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public int Skip => (Page - 1) * PageSize;

    public static TicketListQuery Parse(string? status, string? page, string? pageSize, Dictionary<string, string[]> errors)
    {
        var statuses = (status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (statuses.FirstOrDefault(s => !TicketStatuses.All.Contains(s)) is { } unknown)
            errors["status"] = [$"Unknown status '{unknown}'; known: {string.Join(", ", TicketStatuses.All)}."];
        return new TicketListQuery(
            statuses.Distinct().ToList(),
            Number(page, 1, int.MaxValue / MaxPageSize, 1, "page", errors),
            Number(pageSize, 1, MaxPageSize, DefaultPageSize, "pageSize", errors));
    }

    private static int Number(string? value, int min, int max, int fallback, string name, Dictionary<string, string[]> errors)
    {
        if (value is null)
            return fallback;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
            return parsed;
        errors[name] = [$"'{name}' must be a whole number from {min} to {max}."];
        return fallback;
    }
}
