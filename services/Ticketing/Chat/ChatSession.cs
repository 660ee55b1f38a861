namespace CustomerPlatform.Ticketing;

/// <summary>
/// A live chat: the live state of a ticket of the <see cref="TicketChannels.Chat"/> channel, whose id it shares. Its messages
/// are the ticket's thread, stored as they are written, so the transcript is the thread (ADR-031).
/// </summary>
public sealed class ChatSession
{
    /// <summary>The ticket's id, which is the chat's.</summary>
    public Guid TicketId { get; init; }

    public Guid CustomerId { get; init; }

    /// <summary>One of <see cref="ChatStatuses"/>.</summary>
    public string Status { get; set; } = ChatStatuses.Waiting;

    /// <summary>The queue routing chose: its agents are offered the chat while it waits.</summary>
    public required string Queue { get; init; }

    /// <summary>The agent who took it; null while it waits, and for a chat nobody took.</summary>
    public Guid? AgentId { get; set; }

    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When a chat still waiting becomes an ordinary ticket in its queue (<see cref="ChatOptions.TakeWithin"/> after the start).</summary>
    public DateTimeOffset TakeBy { get; init; }

    public DateTimeOffset? TakenAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The last message the customer has read, and when it was written (what "later" means for the next one).</summary>
    public Guid? CustomerReadUpTo { get; set; }

    public DateTimeOffset? CustomerReadAt { get; set; }

    /// <summary>The last message the agent has read, and when it was written.</summary>
    public Guid? AgentReadUpTo { get; set; }

    public DateTimeOffset? AgentReadAt { get; set; }

    public bool IsOver => Status is ChatStatuses.Ended or ChatStatuses.Missed;
}

public static class ChatStatuses
{
    /// <summary>Started; its queue's available agents are offered it.</summary>
    public const string Waiting = "waiting";

    /// <summary>An agent took it: both sides write live.</summary>
    public const string Live = "live";

    /// <summary>One side ended it.</summary>
    public const string Ended = "ended";

    /// <summary>Nobody took it in time: it waits in its queue as an ordinary ticket, and the customer was told.</summary>
    public const string Missed = "missed";

    public static readonly IReadOnlyList<string> All = [Waiting, Live, Ended, Missed];
}
