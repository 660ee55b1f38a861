namespace CustomerPlatform.Web.Support;

/// <summary>The support desk's queues and agents as GET /api/support/routing gives them (what the agents' own pages use of it).</summary>
public sealed record RoutingOverview(RoutingQueue[] Queues, AgentAvailability[] Agents)
{
    public string QueueName(string? key) => Queues.FirstOrDefault(q => q.Key == key)?.Name ?? key ?? "";

    public AgentAvailability? Agent(Guid? id) => Agents.FirstOrDefault(a => a.Id == id);
}

public sealed record RoutingQueue(string Key, string Name, int Waiting);

public sealed record AgentAvailability(Guid Id, bool Available, string[] Queues, int Capacity, int Unsolved);
