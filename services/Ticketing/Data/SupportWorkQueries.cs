using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// The SQL of <see cref="SupportWorkReportsApi"/>: aggregations EF does not write (percentiles over grouping sets,
/// the SLA clocks' JSON, running sums over the days of a period).
/// </summary>
/// <remarks>
/// Business time is counted by PostgreSQL from the calendar's opening intervals, sent as arrays: with the business
/// seconds before each interval, the business time up to an instant is the seconds before the interval that
/// <c>width_bucket</c> finds it in (a binary search) plus the open part of that interval up to it. A first,
/// empty interval at the period's start catches instants before the first opening.
/// </remarks>
public static class SupportWorkQueries
{
    public sealed class TimesRow
    {
        public string Grouping { get; init; } = "";
        public string Key { get; init; } = "";
        public int Tickets { get; init; }
        public int Responses { get; init; }
        public double? ResponseMedian { get; init; }
        public double? ResponseP90 { get; init; }
        public double? ResponseAverage { get; init; }
        public int Resolutions { get; init; }
        public double? ResolutionMedian { get; init; }
        public double? ResolutionP90 { get; init; }
        public double? ResolutionAverage { get; init; }

        public SupportWorkReportsApi.TimesGroup Group() => new(Key, Tickets,
            new(Responses, Hours(ResponseMedian), Hours(ResponseP90), Hours(ResponseAverage)),
            new(Resolutions, Hours(ResolutionMedian), Hours(ResolutionP90), Hours(ResolutionAverage)));

        private static double? Hours(double? seconds) => seconds is { } s ? Math.Round(s / 3600, 4) : null;
    }

    public sealed class SlaRow
    {
        public string Metric { get; init; } = "";
        public string? Priority { get; init; }
        public bool Overall { get; init; }
        public int Met { get; init; }
        public int Breached { get; init; }
        public int Measured { get; init; }
    }

    public sealed class BacklogRow
    {
        public DateTime Day { get; init; }
        public int Open { get; init; }
        public int Created { get; init; }
        public int Solved { get; init; }
    }

    /// <summary>Business seconds from the period's start to <paramref name="instant"/>, on the calendar <c>c</c>.</summary>
    private static string BusinessSeconds(string instant) =>
        $"(c.before[width_bucket({instant}, c.opens)] + extract(epoch FROM least({instant}, c.closes[width_bucket({instant}, c.opens)]) - c.opens[width_bucket({instant}, c.opens)]))::float8";

    private static string Figures(string column, string name) => $"""
        count({column})::int AS "{name}s",
        percentile_cont(0.5) WITHIN GROUP (ORDER BY {column}) AS "{name}Median",
        percentile_cont(0.9) WITHIN GROUP (ORDER BY {column}) AS "{name}P90",
        avg({column}) AS "{name}Average"
        """;

    private static readonly string TimesSql = $"""
        WITH c AS (SELECT @opens AS opens, @closes AS closes, @before AS before),
        moments AS (
            SELECT t.priority, t.channel, (t.created_at AT TIME ZONE 'UTC')::date AS day, t.created_at,
                   (SELECT min(m.created_at) FROM ticket_messages m
                     WHERE m.ticket_id = t.id AND m.author_role = @staff AND NOT m.internal AND m.created_at >= t.created_at) AS responded_at,
                   CASE WHEN t.merged_into IS NULL THEN t.solved_at END AS solved_at
            FROM tickets t
            WHERE t.created_at >= @start AND t.created_at < @end),
        times AS (
            SELECT priority, channel, day,
                   {BusinessSeconds("responded_at")} - {BusinessSeconds("created_at")} AS first_response,
                   {BusinessSeconds("solved_at")} - {BusinessSeconds("created_at")} AS resolution
            FROM moments CROSS JOIN c)
        SELECT CASE WHEN GROUPING(priority) = 0 THEN 'priority' WHEN GROUPING(channel) = 0 THEN 'channel'
                    WHEN GROUPING(day) = 0 THEN 'day' ELSE 'all' END AS "Grouping",
               COALESCE(priority, channel, to_char(day, 'YYYY-MM-DD'), 'all') AS "Key",
               count(*)::int AS "Tickets",
               {Figures("first_response", "Response")},
               {Figures("resolution", "Resolution")}
        FROM times
        GROUP BY GROUPING SETS ((), (priority), (channel), (day))
        """;

    /// <summary>First-response and resolution business times of the tickets created in the period, grouped.</summary>
    public static Task<List<TimesRow>> TimesAsync(TicketingDbContext db, BusinessCalendar calendar, DateTimeOffset start, DateTimeOffset end,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The empty interval at the start, then the openings up to now (a ticket may be answered or solved after the period).
        List<DateTimeOffset> opens = [start], closes = [start];
        List<double> before = [0];
        foreach (var (o, c) in calendar.OpenIntervals(start, now > end ? now : end))
        {
            before.Add(before[^1] + (closes[^1] - opens[^1]).TotalSeconds);
            opens.Add(o);
            closes.Add(c);
        }
        return db.Database.SqlQueryRaw<TimesRow>(TimesSql,
                Parameter("opens", opens.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz),
                Parameter("closes", closes.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz),
                Parameter("before", before.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double),
                Parameter("staff", AuthorRoles.Staff, NpgsqlDbType.Text),
                Parameter("start", start, NpgsqlDbType.TimestampTz),
                Parameter("end", end, NpgsqlDbType.TimestampTz))
            .ToListAsync(cancellationToken);
    }

    private static string Json(string property) => JsonColumn.Options.PropertyNamingPolicy!.ConvertName(property);

    // A fulfilled metric past its target has its breach recorded (SlaClock), so the recorded instants tell met from breached.
    private static readonly string SlaSql = $"""
        SELECT m.metric AS "Metric", t.priority AS "Priority", GROUPING(t.priority) = 1 AS "Overall",
               count(*) FILTER (WHERE m.clock->>'{Json(nameof(SlaMetric.FulfilledAt))}' IS NOT NULL
                                  AND m.clock->>'{Json(nameof(SlaMetric.BreachedAt))}' IS NULL)::int AS "Met",
               count(*) FILTER (WHERE m.clock->>'{Json(nameof(SlaMetric.BreachedAt))}' IS NOT NULL
                                   OR (m.clock->>'{Json(nameof(SlaMetric.FulfilledAt))}' IS NULL
                                       AND m.clock->>'{Json(nameof(SlaMetric.RunningSince))}' IS NOT NULL
                                       AND (m.clock->>'{Json(nameof(SlaMetric.DueAt))}')::timestamptz <= @now))::int AS "Breached",
               count(*)::int AS "Measured"
        FROM tickets t
        CROSS JOIN LATERAL (VALUES (@first_response, t.sla->'{Json(nameof(SlaClock.FirstResponse))}'),
                                   (@next_response, t.sla->'{Json(nameof(SlaClock.NextResponse))}'),
                                   (@resolution, t.sla->'{Json(nameof(SlaClock.Resolution))}')) AS m(metric, clock)
        WHERE t.created_at >= @start AND t.created_at < @end AND jsonb_typeof(m.clock) = 'object'
        GROUP BY GROUPING SETS ((m.metric), (m.metric, t.priority))
        """;

    /// <summary>Per metric, and per metric and priority, the targets of the tickets created in the period met, breached and measured.</summary>
    public static Task<List<SlaRow>> SlaAsync(TicketingDbContext db, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<SlaRow>(SlaSql,
                Parameter("first_response", SlaMetrics.FirstResponse, NpgsqlDbType.Text),
                Parameter("next_response", SlaMetrics.NextResponse, NpgsqlDbType.Text),
                Parameter("resolution", SlaMetrics.Resolution, NpgsqlDbType.Text),
                Parameter("now", now, NpgsqlDbType.TimestampTz),
                Parameter("start", start, NpgsqlDbType.TimestampTz),
                Parameter("end", end, NpgsqlDbType.TimestampTz))
            .ToListAsync(cancellationToken);

    // A ticket leaves the backlog when it was last solved (or closed, for a merged one): open at a day's end is
    // the open at the period's start plus the running sum of the tickets created less those that left since.
    private const string BacklogSql = """
        WITH days AS (
            SELECT d::date AS day FROM generate_series((@start AT TIME ZONE 'UTC')::date, ((@until AT TIME ZONE 'UTC') - interval '1 microsecond')::date, interval '1 day') d),
        done AS (SELECT created_at, CASE WHEN merged_into IS NULL THEN solved_at END AS resolved_at,
                        COALESCE(solved_at, closed_at) AS left_at FROM tickets),
        created AS (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n FROM done
                    WHERE created_at >= @start AND created_at < @until GROUP BY 1),
        solved AS (SELECT (resolved_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n FROM done
                   WHERE resolved_at >= @start AND resolved_at < @until GROUP BY 1),
        gone AS (SELECT (left_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n FROM done
                 WHERE left_at >= @start AND left_at < @until GROUP BY 1),
        at_start AS (SELECT count(*) AS n FROM done WHERE created_at < @start AND (left_at IS NULL OR left_at >= @start))
        SELECT days.day AS "Day",
               (at_start.n + sum(COALESCE(created.n, 0) - COALESCE(gone.n, 0)) OVER (ORDER BY days.day))::int AS "Open",
               COALESCE(created.n, 0)::int AS "Created", COALESCE(solved.n, 0)::int AS "Solved"
        FROM days CROSS JOIN at_start
        LEFT JOIN created ON created.day = days.day
        LEFT JOIN solved ON solved.day = days.day
        LEFT JOIN gone ON gone.day = days.day
        ORDER BY days.day
        """;

    /// <summary>Per day from <paramref name="start"/> to <paramref name="until"/> (excluded): the backlog at its end, tickets created and solved.</summary>
    public static Task<List<BacklogRow>> BacklogAsync(TicketingDbContext db, DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<BacklogRow>(BacklogSql,
                Parameter("start", start, NpgsqlDbType.TimestampTz),
                Parameter("until", until, NpgsqlDbType.TimestampTz))
            .ToListAsync(cancellationToken);

    private static NpgsqlParameter Parameter(string name, object value, NpgsqlDbType type) => new(name, type) { Value = value };
}
