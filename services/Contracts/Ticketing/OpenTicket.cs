namespace CustomerPlatform.Contracts.Ticketing;

/// <summary>
/// Opens a ticket for a customer. The sender chooses <see cref="TicketId"/> (so it can answer its own
/// caller with it at once); a repeated command with the same id opens nothing more. With no
/// <see cref="AssigneeId"/> the ticket waits in the support queue.
/// </summary>
public record OpenTicket
{
    public required Guid TicketId { get; init; }

    /// <summary>The requester.</summary>
    public required Guid CustomerId { get; init; }

    public string? CustomerEmail { get; init; }
    public string? CustomerName { get; init; }

    /// <summary>The staff member (usually the customer's CSM) who owns the ticket; null for the support queue.</summary>
    public Guid? AssigneeId { get; init; }

    /// <summary>One of <see cref="TicketKinds"/>.</summary>
    public required string Kind { get; init; }

    public required string Subject { get; init; }

    /// <summary>The first message of the thread, written by the requester (or by the platform, for a flag).</summary>
    public required string Body { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }
    public Guid? CorrelationId { get; init; }
}
