namespace CustomerPlatform.Messaging.Scheduling;

/// <summary>
/// One message waiting for its time in the scheduler table of the service that hosts the scheduler
/// endpoint (mapped by <see cref="SchedulerModelBuilderExtensions.AddSchedulerTable"/>). Keyed by the
/// scheduling token id, so a <c>ScheduleMessage</c> delivered twice stores one row and a cancel finds it.
/// A cancel that arrives before its schedule leaves a <see cref="Cancelled"/> row (a tombstone) so the
/// late schedule is not stored; the dispatcher drops tombstones once their <see cref="DueTime"/> passes.
/// </summary>
public sealed class ScheduledMessageRow
{
    public Guid TokenId { get; set; }

    /// <summary>When to send, UTC.</summary>
    public DateTime DueTime { get; set; }

    public string Destination { get; set; } = "";

    /// <summary>The payload's message type URNs (<c>urn:message:…</c>), most specific first.</summary>
    public string[] MessageType { get; set; } = [];

    /// <summary>The payload as JSON, exactly as the scheduling side serialized it.</summary>
    public string Payload { get; set; } = "";

    /// <summary>The scheduling side's headers (redelivery count, the caller's own…) as a JSON object.</summary>
    public string? Headers { get; set; }

    /// <summary>The id the delivered message carries: the ScheduleMessage's own id, the same on every resend.</summary>
    public Guid? MessageId { get; set; }

    public Guid? RequestId { get; set; }
    public Guid? ConversationId { get; set; }
    public Guid? InitiatorId { get; set; }
    public string? SourceAddress { get; set; }
    public string? ResponseAddress { get; set; }
    public string? FaultAddress { get; set; }
    public DateTime? ExpirationTime { get; set; }

    public bool Cancelled { get; set; }

    public DateTime CreatedAt { get; set; }
}
