using System.Security.Claims;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// Routing as staff see and steer it: the queues with what waits in them and who works them; an agent says whether they
/// take new tickets now (as Zendesk's omnichannel routing status); an admin sets an agent's queues, skills and capacity.
/// </summary>
public static class RoutingApi
{
    public const int MaxCapacity = 200;

    public sealed record AgentRouting(Guid Id, string DisplayName, bool Available, IReadOnlyList<string> Queues, IReadOnlyList<string> Skills,
        int Capacity, bool CapacityIsDefault, int Unsolved);

    public sealed record QueueView(string Key, string Name, int Waiting, IReadOnlyList<Guid> Members);

    public sealed record RuleView(string? Name, IReadOnlyList<string> Channels, IReadOnlyList<string> SubjectWords, bool? HasOrder, string Queue, string? Skill)
    {
        /// <summary>The customer's loyalty tiers the rule asks for (none: any customer).</summary>
        public IReadOnlyList<string> Tiers { get; init; } = [];

        /// <summary>The least priority the rule gives a ticket, if any.</summary>
        public string? Priority { get; init; }
    }

    public sealed record RoutingView(IReadOnlyList<QueueView> Queues, IReadOnlyList<RuleView> Rules, IReadOnlyList<AgentRouting> Agents, int DefaultCapacity);

    public sealed record AvailabilityRequest(bool? Available);

    public sealed record AgentRoutingRequest(IReadOnlyList<string>? Queues, IReadOnlyList<string>? Skills, int? Capacity, bool? DefaultCapacity);

    public static RouteGroupBuilder MapRoutingApi(this RouteGroupBuilder api)
    {
        api.MapGet("routing", GetAsync)
            .RequireAuthorization(policy => policy.RequireRole([.. Roles.Staff]))
            .WithName("GetRouting")
            .WithSummary("Staff: the queues (tickets waiting, members), the routing rules, and each agent's availability, queues, skills, capacity and unsolved tickets");
        api.MapPut("staff/me/availability", SetAvailabilityAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Agent, Roles.Admin))
            .WithName("SetMyAvailability")
            .WithSummary("Agents: {available}: whether routing gives me new tickets now; becoming available takes what waits in my queues, up to my capacity");
        api.MapPut("staff/{staffId:guid}/routing", SetAgentRoutingAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Admin))
            .WithName("SetAgentRouting")
            .WithSummary("Admins: an agent's {queues, skills, capacity} (defaultCapacity: true goes back to the default)");
        return api;
    }

    public static async Task<Ok<RoutingView>> GetAsync(TicketingDbContext db, IOptions<RoutingOptions> options, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var agents = await AgentsAsync(db, settings, null, cancellationToken);
        var waiting = await db.Tickets.AsNoTracking()
            .Where(t => t.Queue != null && t.AssigneeId == null && t.Status != TicketStatuses.Solved && t.Status != TicketStatuses.Closed)
            .GroupBy(t => t.Queue!)
            .Select(g => new { Queue = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Queue, g => g.Count, cancellationToken);
        var queues = settings.AllQueues()
            .Select(q => new QueueView(q.Key, q.Value.Name ?? q.Key, waiting.GetValueOrDefault(q.Key), agents.Where(a => a.Queues.Contains(q.Key)).Select(a => a.Id).ToList()))
            .ToList();
        var rules = settings.Rules.Select(r => new RuleView(r.Name, r.Channels, r.SubjectWords, r.HasOrder, r.Queue, r.Skill) { Tiers = r.Tiers, Priority = r.Priority }).ToList();
        return TypedResults.Ok(new RoutingView(queues, rules, agents, settings.DefaultCapacity));
    }

    public static async Task<Results<Ok<AgentRouting>, ValidationProblem, NotFound>> SetAvailabilityAsync(
        HttpRequest request, ClaimsPrincipal user, TicketingDbContext db, IPublishEndpoint publish, IOptions<RoutingOptions> options,
        CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<AvailabilityRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        if (body.Available is not { } available)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["available"] = ["'available' is required: true or false."] });
        return await ChangeAsync(db, publish, options.Value, user.GetCustomerId(), agent => agent.Available = available, cancellationToken);
    }

    public static async Task<Results<Ok<AgentRouting>, ValidationProblem, NotFound>> SetAgentRoutingAsync(
        Guid staffId, HttpRequest request, TicketingDbContext db, IPublishEndpoint publish, IOptions<RoutingOptions> options,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (body, errors) = await JsonRequestBody.ReadAsync<AgentRoutingRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        errors = [];
        var queues = TicketRules.Tags(body.Queues, errors, "queues");
        // Named by its place in the request (the list above is trimmed and has its repeats dropped).
        for (var i = 0; queues is not null && i < body.Queues!.Count; i++)
        {
            var queue = body.Queues[i]?.Trim().ToLowerInvariant();
            if (queue is not null && TicketRules.IsQueueKey(queue) && !settings.IsQueue(queue))
                errors[$"queues[{i}]"] = [$"'{queue}' is not a queue; the queues are {string.Join(", ", settings.AllQueues().Select(q => q.Key))}."];
        }
        var skills = TicketRules.Tags(body.Skills, errors, "skills");
        if (body.Capacity is < 0 or > MaxCapacity)
            errors["capacity"] = [$"'capacity' is how many unsolved tickets the agent holds at most: 0 to {MaxCapacity}."];
        if (body.Capacity is not null && body.DefaultCapacity == true)
            errors["defaultCapacity"] = ["Give either 'capacity' or 'defaultCapacity': true, not both."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        return await ChangeAsync(db, publish, settings, staffId, agent =>
        {
            if (queues is not null)
                agent.Queues = queues;
            if (skills is not null)
                agent.Skills = skills;
            if (body.Capacity is { } capacity)
                agent.Capacity = capacity;
            else if (body.DefaultCapacity == true)
                agent.Capacity = null;
        }, cancellationToken);
    }

    /// <summary>Changes an agent's routing under their row's lock (routing counts their tickets under it) and lets them take what waits.</summary>
    private static Task<Results<Ok<AgentRouting>, ValidationProblem, NotFound>> ChangeAsync(TicketingDbContext db, IPublishEndpoint publish,
        RoutingOptions settings, Guid agentId, Action<StaffMember> change, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async () =>
        {
            var agent = await TicketRouter.LockAgentAsync(db, agentId, cancellationToken);
            if (agent is not { Active: true } || !agent.Roles.Contains(Roles.Agent))
                return (Results<Ok<AgentRouting>, ValidationProblem, NotFound>)TypedResults.NotFound();
            change(agent);
            if (agent is { Active: true, Available: true })
                await publish.Publish(new AgentMayTakeMore(agent.Id), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok((await AgentsAsync(db, settings, agent.Id, cancellationToken)).Single());
        }, cancellationToken);

    private static async Task<List<AgentRouting>> AgentsAsync(TicketingDbContext db, RoutingOptions settings, Guid? only, CancellationToken cancellationToken)
    {
        var agents = await db.Staff.AsNoTracking()
            .Where(s => s.Active && s.Roles.Contains(Roles.Agent) && (only == null || s.Id == only))
            .OrderBy(s => s.DisplayName).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        var ids = agents.Select(a => a.Id).ToList();
        var unsolved = await TicketRouter.UnsolvedCountsAsync(db, ids, cancellationToken);
        return agents
            .Select(a => new AgentRouting(a.Id, a.DisplayName, a.Available, a.Queues, a.Skills, settings.CapacityOf(a.Capacity), a.Capacity is null,
                unsolved.GetValueOrDefault(a.Id)))
            .ToList();
    }
}
