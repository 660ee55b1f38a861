namespace CustomerPlatform.Ticketing;

/// <summary>
/// Ticketing's copy of a staff account, kept from Identity's <c>StaffAccountChanged</c>: the names the
/// threads show, and who a ticket may be assigned to.
/// </summary>
public sealed class StaffMember
{
    public Guid Id { get; init; }
    public required string Email { get; set; }
    public required string DisplayName { get; set; }
    public List<string> Roles { get; set; } = [];
    public bool Active { get; set; }

    /// <summary>When Identity changed the account; an older change never overwrites a newer one.</summary>
    public DateTimeOffset ChangedAt { get; set; }

    // Routing (kept by Ticketing alone; Identity's changes leave them be).

    /// <summary>The queues whose tickets routing hands this agent; every agent starts in the support queue.</summary>
    public List<string> Queues { get; set; } = [TicketQueues.Support];

    /// <summary>What the agent is able to take: a rule that asks for a skill routes only to agents who have it.</summary>
    public List<string> Skills { get; set; } = [];

    /// <summary>How many unsolved tickets the agent holds at most; null: <see cref="RoutingOptions.DefaultCapacity"/>.</summary>
    public int? Capacity { get; set; }

    /// <summary>The agent takes new tickets now (they said so); nobody does until they say so.</summary>
    public bool Available { get; set; }

    /// <summary>When routing last gave the agent a ticket: the round-robin gives the next to whoever waited longest.</summary>
    public DateTimeOffset? LastRoutedAt { get; set; }
}
