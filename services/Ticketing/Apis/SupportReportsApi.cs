using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing;

/// <summary>The support desk's reports for staff over a period (<c>?from=&amp;to=</c>, as the CRM's analytics), computed when asked.</summary>
public static class SupportReportsApi
{
    public sealed record SatisfactionGroup(string Key, string? Name, int Ratings, double Average, double SatisfiedShare);

    /// <summary>CSAT: ratings, average (1–5) and the share of 4s and 5s, overall, per agent and per channel.</summary>
    public sealed record SatisfactionReport(DateTimeOffset From, DateTimeOffset To, SatisfactionGroup Overall,
        IReadOnlyList<SatisfactionGroup> ByAgent, IReadOnlyList<SatisfactionGroup> ByChannel);

    /// <summary>
    /// Self-service: help-centre sessions ÷ customers who opened a ticket (Zendesk's self-service score), and
    /// the tickets articles made unnecessary ("this answered my question").
    /// </summary>
    public sealed record SelfServiceReport(DateTimeOffset From, DateTimeOffset To, int KnowledgeBaseSessions, int CustomersWithTickets,
        double? SelfServiceScore, int Deflections);

    public static async Task<Results<Ok<SatisfactionReport>, ValidationProblem>> SatisfactionAsync(
        string? from, string? to, TicketingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ReportPeriod.Parse(from, to, time, out var errors) is not ({ } start, { } end))
            return TypedResults.ValidationProblem(errors);

        // PostgreSQL counts and averages per agent and channel; only the groups come back.
        var period = db.SatisfactionRatings.AsNoTracking().Where(r => r.RatedAt >= start && r.RatedAt < end);
        var byAgent = await period.GroupBy(r => r.AgentId)
            .Select(g => new { g.Key, Ratings = g.Count(), Sum = g.Sum(r => r.Score), Satisfied = g.Count(r => r.Score >= 4) })
            .ToListAsync(cancellationToken);
        var byChannel = await period.GroupBy(r => r.Channel)
            .Select(g => new { g.Key, Ratings = g.Count(), Sum = g.Sum(r => r.Score), Satisfied = g.Count(r => r.Score >= 4) })
            .ToListAsync(cancellationToken);
        var agents = byAgent.Where(g => g.Key is not null).Select(g => g.Key!.Value).ToList();
        var names = await db.Staff.AsNoTracking().Where(s => agents.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken);

        static SatisfactionGroup Group(string key, string? name, int ratings, int sum, int satisfied) => new(key, name, ratings,
            ratings == 0 ? 0 : Math.Round(sum / (double)ratings, 2), ratings == 0 ? 0 : Math.Round(satisfied / (double)ratings, 4));

        return TypedResults.Ok(new SatisfactionReport(start, end,
            Group("all", null, byAgent.Sum(g => g.Ratings), byAgent.Sum(g => g.Sum), byAgent.Sum(g => g.Satisfied)),
            byAgent.Select(g => Group(g.Key?.ToString() ?? "none", g.Key is { } id ? names.GetValueOrDefault(id) : "Nobody (unassigned)", g.Ratings, g.Sum, g.Satisfied))
                .OrderByDescending(g => g.Ratings).ThenBy(g => g.Key).ToList(),
            byChannel.Select(g => Group(g.Key, null, g.Ratings, g.Sum, g.Satisfied))
                .OrderByDescending(g => g.Ratings).ThenBy(g => g.Key).ToList()));
    }

    public static async Task<Results<Ok<SelfServiceReport>, ValidationProblem>> SelfServiceAsync(
        string? from, string? to, TicketingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ReportPeriod.Parse(from, to, time, out var errors) is not ({ } start, { } end))
            return TypedResults.ValidationProblem(errors);

        var sessions = await db.KbSessions.CountAsync(s => s.StartedAt >= start && s.StartedAt < end, cancellationToken);
        // Customers who asked for something: not the tickets the platform raised about them.
        var customers = await db.Tickets
            .Where(t => t.CreatedAt >= start && t.CreatedAt < end && t.Kind != Contracts.Ticketing.TicketKinds.TrainingAttemptsExhausted)
            .Select(t => t.CustomerId).Distinct().CountAsync(cancellationToken);
        var deflections = await db.KbDeflections.CountAsync(d => d.At >= start && d.At < end, cancellationToken);
        return TypedResults.Ok(new SelfServiceReport(start, end, sessions, customers,
            customers == 0 ? null : Math.Round(sessions / (double)customers, 2), deflections));
    }

    public sealed record SentimentGroup(string Key, string? Name, int Messages, double Average, int Negative, int Neutral, int Positive);

    public sealed record SentimentDay(DateOnly Day, int Messages, double Average, int Negative);

    public sealed record NegativeConversation(Guid TicketId, long Number, string Subject, string? CustomerName, string Channel, double WorstScore, DateTimeOffset LastAt);

    /// <summary>
    /// Sentiment: the customers' messages of the period (every channel; outside feedback counted once, as its
    /// item) by channel, queue and agent, per day, and the tickets whose worst message was the most negative.
    /// </summary>
    public sealed record SentimentReport(DateTimeOffset From, DateTimeOffset To, SentimentGroup Overall, IReadOnlyList<SentimentGroup> ByChannel,
        IReadOnlyList<SentimentGroup> ByQueue, IReadOnlyList<SentimentGroup> ByAgent, IReadOnlyList<SentimentDay> OverTime,
        IReadOnlyList<NegativeConversation> MostNegative);

    private const int MostNegativeCount = 10;

    public static async Task<Results<Ok<SentimentReport>, ValidationProblem>> SentimentAsync(
        string? from, string? to, TicketingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ReportPeriod.Parse(from, to, time, out var errors) is not ({ } start, { } end))
            return TypedResults.ValidationProblem(errors);

        // One row per scored message, and per outside feedback item, so that one projection counts every grouping.
        var scored = from m in db.Messages.AsNoTracking()
                     join t in db.Tickets.AsNoTracking() on m.TicketId equals t.Id
                     where m.CreatedAt >= start && m.CreatedAt < end && m.SentimentScore != null && m.AuthorRole == AuthorRoles.Customer
                           && m.Channel != TicketChannels.Feedback
                     select new Scored
                     {
                         Channel = m.Channel,
                         Queue = t.HomeQueue ?? t.Queue ?? (t.AssigneeId != null ? "assigned" : "none"),
                         AssigneeId = t.AssigneeId,
                         Score = m.SentimentScore!.Value,
                         Label = m.SentimentLabel,
                         At = m.CreatedAt,
                     };
        var feedback = db.Feedback.AsNoTracking().Where(f => f.ReceivedAt >= start && f.ReceivedAt < end)
            .Select(f => new Scored { Channel = TicketChannels.Feedback, Score = f.SentimentScore, Label = f.SentimentLabel, At = f.ReceivedAt });

        var byChannel = await scored.GroupBy(m => m.Channel).Select(Tallied<string>()).ToListAsync(cancellationToken);
        var fromFeedback = await feedback.GroupBy(f => 1).Select(Tallied<int>()).ToListAsync(cancellationToken);
        byChannel.AddRange(fromFeedback.Select(t => t.Keyed(TicketChannels.Feedback)));
        var byQueue = await scored.GroupBy(m => m.Queue).Select(Tallied<string>()).ToListAsync(cancellationToken);
        var byAgent = await scored.GroupBy(m => m.AssigneeId).Select(Tallied<Guid?>()).ToListAsync(cancellationToken);
        var days = await PerDayAsync(scored, cancellationToken);
        days.AddRange(await PerDayAsync(feedback, cancellationToken));
        var worstTickets = await db.Messages.AsNoTracking()
            .Where(m => m.CreatedAt >= start && m.CreatedAt < end && m.SentimentScore != null && m.AuthorRole == AuthorRoles.Customer)
            .GroupBy(m => m.TicketId)
            .Select(g => new { TicketId = g.Key, Worst = g.Min(m => m.SentimentScore!.Value), LastAt = g.Max(m => m.CreatedAt) })
            .Where(g => g.Worst < 0)
            .OrderBy(g => g.Worst).ThenByDescending(g => g.LastAt)
            .Take(MostNegativeCount)
            .ToListAsync(cancellationToken);
        var worstIds = worstTickets.Select(w => w.TicketId).ToList();
        var worstDetails = await db.Tickets.AsNoTracking().Where(t => worstIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Number, t.Subject, t.CustomerName, t.Channel })
            .ToDictionaryAsync(t => t.Id, cancellationToken);
        var worst = worstTickets.Select(w =>
        {
            var t = worstDetails[w.TicketId];
            return new NegativeConversation(t.Id, t.Number, t.Subject, t.CustomerName, t.Channel, w.Worst, w.LastAt);
        }).ToList();

        var agents = byAgent.Where(g => g.Key is not null).Select(g => g.Key!.Value).ToList();
        var names = await db.Staff.AsNoTracking().Where(s => agents.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken);
        var all = byChannel.Aggregate(new Tally<string>("all", 0, 0, 0, 0), (sum, t) => new("all", sum.Count + t.Count, sum.Sum + t.Sum, sum.Negative + t.Negative, sum.Positive + t.Positive));
        return TypedResults.Ok(new SentimentReport(start, end, all.Group(all.Key, null),
            [.. byChannel.Select(t => t.Group(t.Key, null)).OrderByDescending(g => g.Messages).ThenBy(g => g.Key)],
            [.. byQueue.Select(t => t.Group(t.Key, null)).OrderByDescending(g => g.Messages).ThenBy(g => g.Key)],
            [.. byAgent.Select(t => t.Group(t.Key?.ToString() ?? "none", t.Key is { } id ? names.GetValueOrDefault(id) : "Nobody (unassigned)"))
                .OrderByDescending(g => g.Messages).ThenBy(g => g.Key)],
            [.. days.GroupBy(d => new DateOnly(d.Year, d.Month, d.Day))
                .Select(g => new SentimentDay(g.Key, g.Sum(d => d.Count), Math.Round(g.Sum(d => d.Sum) / g.Sum(d => d.Count), 4), g.Sum(d => d.Negative)))
                .OrderBy(d => d.Day)],
            worst));
    }

    /// <summary>A customer's scored message, or an outside feedback item, as the sentiment report counts it (initialised by name, so EF translates what follows it).</summary>
    private sealed class Scored
    {
        public string Channel { get; init; } = "";
        public string Queue { get; init; } = "";
        public Guid? AssigneeId { get; init; }
        public double Score { get; init; }
        public string? Label { get; init; }
        public DateTimeOffset At { get; init; }
    }

    /// <summary>The counts of one group of <see cref="Scored"/> rows, computed by PostgreSQL: the one projection of every grouping of the report.</summary>
    private static Expression<Func<IGrouping<TKey, Scored>, Tally<TKey>>> Tallied<TKey>() =>
        g => new Tally<TKey>(g.Key, g.Count(), g.Sum(m => m.Score), g.Count(m => m.Label == MessageSentiment.Negative), g.Count(m => m.Label == MessageSentiment.Positive));

    private static Task<List<DayTally>> PerDayAsync(IQueryable<Scored> scored, CancellationToken cancellationToken) =>
        scored.GroupBy(m => new { m.At.Year, m.At.Month, m.At.Day })
            .Select(g => new DayTally(g.Key.Year, g.Key.Month, g.Key.Day, g.Count(), g.Sum(m => m.Score), g.Count(m => m.Label == MessageSentiment.Negative)))
            .ToListAsync(cancellationToken);

    private sealed record Tally<TKey>(TKey Key, int Count, double Sum, int Negative, int Positive)
    {
        public Tally<string> Keyed(string key) => new(key, Count, Sum, Negative, Positive);

        public SentimentGroup Group(string key, string? name) =>
            new(key, name, Count, Count == 0 ? 0 : Math.Round(Sum / Count, 4), Negative, Count - Negative - Positive, Positive);
    }

    private sealed record DayTally(int Year, int Month, int Day, int Count, double Sum, int Negative);
}
