using System.Text.RegularExpressions;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// Routes tickets nobody owns: the first matching rule picks the queue (and maybe a skill); inside the queue the ticket goes
/// round-robin to the agents who are available, work that queue, have the skill and hold fewer unsolved tickets than their
/// capacity: whoever was given a ticket longest ago comes first. Nobody fits: the ticket waits in the queue, and the next
/// agent to free up (<see cref="AgentMayTakeMore"/>) takes the waiting tickets, the soonest SLA due first.
/// </summary>
/// <remarks>
/// An agent's row is locked (<c>FOR UPDATE</c>) before their unsolved tickets are counted and a ticket given: two tickets
/// routed at once cannot both take an agent's last free place. A ticket's lock is always taken before an agent's, and the
/// agent who frees up skips tickets locked by others (<c>SKIP LOCKED</c>), so the two never wait on each other in a circle.
/// </remarks>
public sealed class TicketRouter(TicketingDbContext db, IOptions<RoutingOptions> options, SlaTracking sla, TimeProvider time)
{
    private RoutingOptions Options => options.Value;

    /// <summary>
    /// Puts a new ticket nobody owns in the queue of the first rule it matches (else the support queue), with the rule's
    /// skill and at least its priority; <paramref name="tier"/> is the customer's loyalty tier (<see cref="TierOfAsync"/>).
    /// </summary>
    public void Route(Ticket ticket, string? tier)
    {
        var rule = Options.Rules.FirstOrDefault(r => Matches(r, ticket, tier));
        ticket.Queue = ticket.HomeQueue = rule?.Queue ?? TicketQueues.Support;
        ticket.Skill = string.IsNullOrWhiteSpace(rule?.Skill) ? null : rule.Skill;
        if (rule?.Priority is { } priority && TicketPriorities.Rank(priority) > TicketPriorities.Rank(ticket.Priority))
            ticket.Priority = priority;
    }

    /// <summary>Routes a new ticket nobody owns (<see cref="Route"/>) and gives it to an agent if one may take it now.</summary>
    public async Task RouteNewAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        Route(ticket, await TierOfAsync(ticket.CustomerId, cancellationToken));
        await AssignAsync(ticket, cancellationToken);
    }

    /// <summary>The customer's loyalty tier as Loyalty last told it; null when it never did (or the rules ask for no tier).</summary>
    public async Task<string?> TierOfAsync(Guid customerId, CancellationToken cancellationToken) =>
        Options.Rules.Any(r => r.Tiers.Count > 0)
            ? await db.CustomerLoyaltyTiers.Where(t => t.CustomerId == customerId).Select(t => t.Tier).FirstOrDefaultAsync(cancellationToken)
            : null;

    public static bool Matches(RoutingRuleOptions rule, Ticket ticket, string? tier = null) =>
        (rule.Channels.Count == 0 || rule.Channels.Contains(ticket.Channel))
        && (rule.HasOrder is not { } hasOrder || hasOrder == (ticket.OrderId is not null))
        && (rule.Tiers.Count == 0 || (tier is not null && rule.Tiers.Contains(tier, StringComparer.OrdinalIgnoreCase)))
        && (rule.SubjectWords.Count == 0 || rule.SubjectWords.Any(word => ContainsWord(ticket.Subject, word)));

    private static bool ContainsWord(string text, string word) =>
        Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(word)}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// Gives a ticket waiting in a queue to the next agent in the round-robin who may take it; false when nobody may (it
    /// keeps waiting). The caller holds the ticket (new in this transaction, or locked) and saves it.
    /// </summary>
    public async Task<bool> AssignAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        if (ticket.Queue is not { } queue || ticket.AssigneeId is not null || !TicketStatuses.IsUnsolved(ticket.Status))
            return false;

        var skill = ticket.Skill;
        var candidates = await db.Staff.AsNoTracking()
            .Where(s => s.Active && s.Available && s.Roles.Contains(Roles.Agent) && s.Queues.Contains(queue) && (skill == null || s.Skills.Contains(skill)))
            .OrderBy(s => s.LastRoutedAt.HasValue).ThenBy(s => s.LastRoutedAt).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.Capacity })
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
            return false;
        var ids = candidates.Select(c => c.Id).ToList();
        var held = await UnsolvedCountsAsync(db, ids, cancellationToken);
        foreach (var candidate in candidates.Where(c => held.GetValueOrDefault(c.Id) < Options.CapacityOf(c.Capacity)))
        {
            // Someone else may have given this agent a ticket since the count: count again under the agent's lock.
            var agent = await LockAgentAsync(db, candidate.Id, cancellationToken);
            if (agent is null || !Takes(agent, queue, skill))
                continue;
            if ((await UnsolvedCountsAsync(db, [agent.Id], cancellationToken)).GetValueOrDefault(agent.Id) >= Options.CapacityOf(agent.Capacity))
                continue;
            Give(ticket, agent);
            return true;
        }
        return false;
    }

    /// <summary>
    /// An agent may take more (they became available, solved a ticket, were given a larger capacity or another queue): they
    /// take the tickets waiting in their queues, the soonest SLA due first, then the oldest, until they are full. Returns
    /// the tickets given; the caller saves them.
    /// </summary>
    public async Task<IReadOnlyList<Ticket>> FillAsync(Guid agentId, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        var agent = await LockAgentAsync(db, agentId, cancellationToken);
        if (agent is not { Active: true, Available: true } || !agent.Roles.Contains(Roles.Agent))
            return [];
        var free = Options.CapacityOf(agent.Capacity) - (await UnsolvedCountsAsync(db, [agent.Id], cancellationToken)).GetValueOrDefault(agent.Id);
        var given = new List<Ticket>();
        var queues = agent.Queues.ToArray();
        var skills = agent.Skills.ToArray();
        while (given.Count < free)
        {
            var ticket = (await db.Tickets
                .FromSql($"""
                    SELECT * FROM tickets
                    WHERE queue = ANY({queues}) AND assignee_id IS NULL AND status NOT IN ('solved', 'closed')
                      AND (skill IS NULL OR skill = ANY({skills}))
                    ORDER BY sla_due_at NULLS LAST, created_at, id
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED
                    """)
                .ToListAsync(cancellationToken)).SingleOrDefault();
            if (ticket is null)
                break;
            Give(ticket, agent);
            await sla.FlushAsync(ticket, publish, cancellationToken);
            given.Add(ticket);
        }
        return given;
    }

    private void Give(Ticket ticket, StaffMember agent)
    {
        var now = time.GetUtcNow();
        ticket.AssignTo(agent.Id, now, sla.For(ticket));
        agent.LastRoutedAt = now;
    }

    private static bool Takes(StaffMember agent, string queue, string? skill) =>
        agent is { Active: true, Available: true } && agent.Roles.Contains(Roles.Agent) && agent.Queues.Contains(queue)
        && (skill is null || agent.Skills.Contains(skill));

    /// <summary>A staff member's row, locked until the transaction ends: their routing is read and changed under it.</summary>
    public static async Task<StaffMember?> LockAgentAsync(TicketingDbContext db, Guid agentId, CancellationToken cancellationToken) =>
        (await db.Staff.FromSql($"SELECT * FROM staff_members WHERE id = {agentId} FOR UPDATE").ToListAsync(cancellationToken)).SingleOrDefault();

    /// <summary>How many unsolved tickets each of these staff members owns (none: missing).</summary>
    public static Task<Dictionary<Guid, int>> UnsolvedCountsAsync(TicketingDbContext db, List<Guid> agentIds, CancellationToken cancellationToken) =>
        db.Tickets.AsNoTracking()
            .Where(t => t.AssigneeId != null && agentIds.Contains(t.AssigneeId.Value) && t.Status != TicketStatuses.Solved && t.Status != TicketStatuses.Closed)
            .GroupBy(t => t.AssigneeId!.Value)
            .Select(g => new { Agent = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Agent, g => g.Count, cancellationToken);
}

/// <summary>An agent may take more tickets: give them what waits in their queues (Ticketing's own message).</summary>
public sealed record AgentMayTakeMore(Guid AgentId);
