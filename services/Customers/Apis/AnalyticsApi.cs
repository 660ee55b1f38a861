using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Customers;

/// <summary>
/// The staff's analytics over a period (<c>?from=&amp;to=</c>, dates, the last 90 days by default), computed by
/// PostgreSQL from the timeline and the orders when asked.
/// </summary>
public static class AnalyticsApi
{
    public const int JourneySteps = 19;

    private sealed record StepRow(int Step, string? Key, int Reached, double? Median, double? P90);
    private sealed record CurrencyRow(string Currency, int Orders, int Buyers, decimal Revenue, decimal Average, decimal Lifetime);
    private sealed record BuyersRow(int Buyers, double Repeat);
    private sealed record CohortRow(DateTime Cohort, int Offset, int Buyers);
    private sealed record SupportRow(int Surveys, double? Average, int S1, int S2, int S3, int S4, int S5, int Opened, int Answered, double? Median, double? P90);

    public static async Task<Results<Ok<OnboardingFunnelView>, ValidationProblem>> OnboardingAsync(
        string? from, string? to, CustomersDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ReportPeriod.Parse(from, to, time, out var errors) is not ({ } start, { } end))
            return TypedResults.ValidationProblem(errors);
        var signedUp = await db.Profiles.CountAsync(p => p.SignedUpAt >= start && p.SignedUpAt < end, cancellationToken);
        // A step's time is from the step before (its number less one) to it, for the customers who did both in that order.
        var rows = await db.Database.SqlQuery<StepRow>($"""
            WITH steps AS (
                SELECT t.customer_id, t.metric::int AS step, t.at, (regexp_match(t.text, '\(([a-z0-9-]+)\)$'))[1] AS key
                FROM timeline_entries t JOIN customers c ON c.customer_id = t.customer_id
                WHERE t.kind = {TimelineKinds.StepCompleted} AND t.metric IS NOT NULL AND c.signed_up_at >= {start} AND c.signed_up_at < {end}
            ), spans AS (
                SELECT step, key, lag(step) OVER journey AS previous, extract(epoch FROM at - lag(at) OVER journey) / 3600 AS hours
                FROM steps WINDOW journey AS (PARTITION BY customer_id ORDER BY step)
            )
            SELECT step AS "Step", min(key) AS "Key", count(*)::int AS "Reached",
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) FILTER (WHERE previous = step - 1 AND hours >= 0) AS "Median",
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) FILTER (WHERE previous = step - 1 AND hours >= 0) AS "P90"
            FROM spans GROUP BY step ORDER BY step
            """).ToListAsync(cancellationToken);

        var byStep = rows.ToDictionary(r => r.Step);
        var steps = new List<FunnelStepView>();
        var before = signedUp;
        for (var step = 1; step <= JourneySteps; step++)
        {
            var row = byStep.GetValueOrDefault(step);
            var reached = row?.Reached ?? 0;
            steps.Add(new FunnelStepView(step, row?.Key, reached, Math.Max(0, before - reached), Round(row?.Median), Round(row?.P90)));
            before = reached;
        }
        return TypedResults.Ok(new OnboardingFunnelView(start, end, signedUp, steps));
    }

    public static async Task<Results<Ok<CommerceAnalyticsView>, ValidationProblem>> CommerceAsync(
        string? from, string? to, CustomersDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ReportPeriod.Parse(from, to, time, out var errors) is not ({ } start, { } end))
            return TypedResults.ValidationProblem(errors);
        // A buyer is a customer, or a guest's address until it signs up.
        var currencies = await db.Database.SqlQuery<CurrencyRow>($"""
            WITH period AS (
                SELECT currency, coalesce(customer_id::text, email) AS buyer, total, refunded_amount FROM orders
                WHERE cancelled_at IS NULL AND placed_at >= {start} AND placed_at < {end}
            ), lifetime AS (
                SELECT o.currency, coalesce(o.customer_id::text, o.email) AS buyer, sum(o.total - o.refunded_amount) AS net
                FROM orders o
                WHERE o.cancelled_at IS NULL AND (o.currency, coalesce(o.customer_id::text, o.email)) IN (SELECT currency, buyer FROM period)
                GROUP BY 1, 2
            )
            SELECT p.currency AS "Currency", count(*)::int AS "Orders", count(DISTINCT p.buyer)::int AS "Buyers",
                   sum(p.total - p.refunded_amount) AS "Revenue", round(avg(p.total), 2) AS "Average",
                   round((SELECT avg(net) FROM lifetime l WHERE l.currency = p.currency), 2) AS "Lifetime"
            FROM period p GROUP BY p.currency ORDER BY count(*) DESC
            """).ToListAsync(cancellationToken);
        var buyers = await db.Database.SqlQuery<BuyersRow>($"""
            SELECT count(*)::int AS "Buyers", coalesce(avg(CASE WHEN n > 1 THEN 1.0 ELSE 0.0 END), 0)::float8 AS "Repeat" FROM (
                SELECT count(*) AS n FROM orders
                WHERE cancelled_at IS NULL AND placed_at >= {start} AND placed_at < {end}
                GROUP BY coalesce(customer_id::text, email)) AS per_buyer
            """).SingleAsync(cancellationToken);
        var cohortRows = await db.Database.SqlQuery<CohortRow>($"""
            WITH months AS (
                SELECT coalesce(customer_id::text, email) AS buyer, date_trunc('month', placed_at AT TIME ZONE 'UTC') AS month
                FROM orders WHERE cancelled_at IS NULL
            ), firsts AS (
                SELECT buyer, min(month) AS cohort FROM months GROUP BY buyer
            )
            SELECT f.cohort AS "Cohort",
                   ((extract(year FROM m.month) - extract(year FROM f.cohort)) * 12 + extract(month FROM m.month) - extract(month FROM f.cohort))::int AS "Offset",
                   count(DISTINCT m.buyer)::int AS "Buyers"
            FROM firsts f JOIN months m ON m.buyer = f.buyer
            WHERE f.cohort >= date_trunc('month', {start} AT TIME ZONE 'UTC') AND f.cohort < {end} AT TIME ZONE 'UTC'
            GROUP BY 1, 2 ORDER BY 1, 2
            """).ToListAsync(cancellationToken);

        var cohorts = cohortRows.GroupBy(r => r.Cohort).Select(g =>
        {
            var size = g.FirstOrDefault(r => r.Offset == 0)?.Buyers ?? 0;
            var last = g.Max(r => r.Offset);
            var retention = Enumerable.Range(0, last + 1)
                .Select(k => size == 0 ? 0 : Math.Round((g.FirstOrDefault(r => r.Offset == k)?.Buyers ?? 0) / (double)size, 4)).ToList();
            return new RetentionCohortView(g.Key.ToString("yyyy-MM", CultureInfo.InvariantCulture), size, retention);
        }).ToList();
        var figures = currencies.Select(c => new CurrencyFiguresView(c.Currency, c.Orders, c.Buyers, c.Revenue, c.Average, c.Lifetime)).ToList();
        return TypedResults.Ok(new CommerceAnalyticsView(start, end, buyers.Buyers, Math.Round(buyers.Repeat, 4), figures, cohorts));
    }

    public static async Task<Results<Ok<SupportAnalyticsView>, ValidationProblem>> SupportAsync(
        string? from, string? to, CustomersDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ReportPeriod.Parse(from, to, time, out var errors) is not ({ } start, { } end))
            return TypedResults.ValidationProblem(errors);
        // A ticket's entries share its link; its first answer is the earliest staff answer after it opened.
        var row = await db.Database.SqlQuery<SupportRow>($"""
            WITH surveys AS (
                SELECT metric::int AS score FROM timeline_entries
                WHERE kind = {TimelineKinds.SurveyAnswered} AND metric IS NOT NULL AND at >= {start} AND at < {end}
            ), tickets AS (
                SELECT o.link, o.at AS opened,
                       (SELECT min(a.at) FROM timeline_entries a WHERE a.kind = {TimelineKinds.TicketAnswered} AND a.link = o.link AND a.at >= o.at) AS answered
                FROM timeline_entries o
                WHERE o.kind = {TimelineKinds.TicketOpened} AND o.at >= {start} AND o.at < {end}
            )
            SELECT s.*, t.* FROM
                (SELECT count(*)::int AS "Surveys", avg(score)::float8 AS "Average",
                        count(*) FILTER (WHERE score = 1)::int AS "S1", count(*) FILTER (WHERE score = 2)::int AS "S2",
                        count(*) FILTER (WHERE score = 3)::int AS "S3", count(*) FILTER (WHERE score = 4)::int AS "S4",
                        count(*) FILTER (WHERE score = 5)::int AS "S5" FROM surveys) AS s,
                (SELECT count(*)::int AS "Opened", count(answered)::int AS "Answered",
                        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered - opened) / 3600) AS "Median",
                        percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM answered - opened) / 3600) AS "P90"
                 FROM tickets) AS t
            """).SingleAsync(cancellationToken);
        return TypedResults.Ok(new SupportAnalyticsView(start, end, row.Surveys, Round(row.Average), [row.S1, row.S2, row.S3, row.S4, row.S5],
            row.Opened, row.Answered, Round(row.Median), Round(row.P90)));
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;
}
