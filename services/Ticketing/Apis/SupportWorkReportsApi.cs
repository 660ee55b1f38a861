using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// The support desk's work over a period (<c>?from=&amp;to=</c>, as the other reports) for the tickets created in it:
/// how long the first response and the resolution took in business hours, how often the SLA targets were met, and the
/// backlog. PostgreSQL does the counting (<see cref="SupportWorkQueries"/>); only the groups come back.
/// </summary>
public static class SupportWorkReportsApi
{
    /// <summary>Business hours over the tickets measured (null when none was): median, 90th percentile, average.</summary>
    public sealed record TimeFigures(int Count, double? MedianHours, double? P90Hours, double? AverageHours);

    public sealed record TimesGroup(string Key, int Tickets, TimeFigures FirstResponse, TimeFigures Resolution);

    public sealed record TimesDay(DateOnly Day, int Tickets, TimeFigures FirstResponse, TimeFigures Resolution);

    /// <summary>
    /// First-response time (creation to the first public staff reply) and resolution time (creation to the last
    /// solving; merged tickets are not resolved), counted on the SLA policy's business calendar; by the tickets'
    /// current priority and channel, and per day of creation (UTC).
    /// </summary>
    public sealed record TimesReport(DateTimeOffset From, DateTimeOffset To, TimesGroup Overall, IReadOnlyList<TimesGroup> ByPriority,
        IReadOnlyList<TimesGroup> ByChannel, IReadOnlyList<TimesDay> OverTime);

    /// <summary>
    /// One SLA metric's targets as the tickets' clocks recorded them: met (fulfilled in time), breached (fulfilled
    /// late, or due and still awaited) and still running in time. <see cref="MetShare"/> is met ÷ (met + breached).
    /// </summary>
    public sealed record SlaAttainment(string Metric, string? Priority, int Met, int Breached, int InProgress, double? MetShare);

    /// <summary>
    /// SLA attainment per metric (<see cref="SlaMetrics"/>), overall and per current priority. A clock keeps only a
    /// ticket's latest next-response round, so next-response counts one round per ticket.
    /// </summary>
    public sealed record SlaReport(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<SlaAttainment> Overall, IReadOnlyList<SlaAttainment> ByPriority);

    /// <summary>
    /// <see cref="Open"/>: tickets created by the day's end (UTC) and not solved or closed by then; a ticket counts
    /// as open until its last solving (or its closing, for a merged one).
    /// </summary>
    public sealed record BacklogDay(DateOnly Day, int Open, int Created, int Solved);

    public sealed record BacklogGroup(string Key, int Tickets);

    /// <summary>The backlog at the end of each day of the period (up to today), and the unsolved tickets now by status and priority.</summary>
    public sealed record BacklogReport(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<BacklogDay> OverTime, int OpenNow,
        IReadOnlyList<BacklogGroup> ByStatus, IReadOnlyList<BacklogGroup> ByPriority);

    public static async Task<Results<Ok<TimesReport>, ValidationProblem>> TimesAsync(
        string? from, string? to, TicketingDbContext db, SlaTracking sla, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ReportPeriod.Parse(from, to, time, out var errors) is not ({ } start, { } end))
            return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await ComputeTimesAsync(db, sla.Policy.Calendar, start, end, time.GetUtcNow(), cancellationToken));
    }

    /// <summary>The times report counted on <paramref name="calendar"/> (the route's is the SLA policy's).</summary>
    public static async Task<TimesReport> ComputeTimesAsync(TicketingDbContext db, BusinessCalendar calendar, DateTimeOffset start, DateTimeOffset end,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await SupportWorkQueries.TimesAsync(db, calendar, start, end, now, cancellationToken);
        // The empty grouping set gives its row even over no tickets.
        return new TimesReport(start, end, rows.Single(r => r.Grouping == "all").Group(),
            [.. rows.Where(r => r.Grouping == "priority").Select(r => r.Group()).OrderBy(g => Rank(TicketPriorities.All, g.Key)).ThenBy(g => g.Key)],
            [.. rows.Where(r => r.Grouping == "channel").Select(r => r.Group()).OrderBy(g => Rank(TicketChannels.All, g.Key)).ThenBy(g => g.Key)],
            [.. rows.Where(r => r.Grouping == "day").Select(r => r.Group())
                .Select(g => new TimesDay(DateOnly.Parse(g.Key, System.Globalization.CultureInfo.InvariantCulture), g.Tickets, g.FirstResponse, g.Resolution))
                .OrderBy(d => d.Day)]);
    }

    public static async Task<Results<Ok<SlaReport>, ValidationProblem>> SlaAsync(
        string? from, string? to, TicketingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ReportPeriod.Parse(from, to, time, out var errors) is not ({ } start, { } end))
            return TypedResults.ValidationProblem(errors);

        var rows = await SupportWorkQueries.SlaAsync(db, start, end, time.GetUtcNow(), cancellationToken);
        static SlaAttainment Attainment(string metric, string? priority, SupportWorkQueries.SlaRow? row) => row is null
            ? new(metric, priority, 0, 0, 0, null)
            : new(metric, priority, row.Met, row.Breached, row.Measured - row.Met - row.Breached,
                row.Met + row.Breached == 0 ? null : Math.Round(row.Met / (double)(row.Met + row.Breached), 4));
        return TypedResults.Ok(new SlaReport(start, end,
            [.. SlaMetrics.All.Select(m => Attainment(m, null, rows.SingleOrDefault(r => r.Overall && r.Metric == m)))],
            [.. rows.Where(r => !r.Overall).OrderBy(r => Rank(SlaMetrics.All, r.Metric)).ThenBy(r => Rank(TicketPriorities.All, r.Priority!))
                .Select(r => Attainment(r.Metric, r.Priority, r))]));
    }

    public static async Task<Results<Ok<BacklogReport>, ValidationProblem>> BacklogAsync(
        string? from, string? to, TicketingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ReportPeriod.Parse(from, to, time, out var errors) is not ({ } start, { } end))
            return TypedResults.ValidationProblem(errors);

        var now = time.GetUtcNow();
        var days = await SupportWorkQueries.BacklogAsync(db, start, end < now ? end : now, cancellationToken);
        var unsolved = db.Tickets.AsNoTracking().Where(t => t.Status != TicketStatuses.Solved && t.Status != TicketStatuses.Closed);
        var byStatus = await unsolved.GroupBy(t => t.Status).Select(g => new BacklogGroup(g.Key, g.Count())).ToListAsync(cancellationToken);
        var byPriority = await unsolved.GroupBy(t => t.Priority).Select(g => new BacklogGroup(g.Key, g.Count())).ToListAsync(cancellationToken);
        return TypedResults.Ok(new BacklogReport(start, end,
            [.. days.Select(d => new BacklogDay(DateOnly.FromDateTime(d.Day), d.Open, d.Created, d.Solved))],
            byStatus.Sum(g => g.Tickets),
            [.. byStatus.OrderBy(g => Rank(TicketStatuses.All, g.Key)).ThenBy(g => g.Key)],
            [.. byPriority.OrderBy(g => Rank(TicketPriorities.All, g.Key)).ThenBy(g => g.Key)]));
    }

    /// <summary>Known keys in their usual order, unknown ones after them.</summary>
    private static int Rank(IReadOnlyList<string> order, string key)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == key)
                return i;
        }
        return order.Count;
    }
}
