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
}
