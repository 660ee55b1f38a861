namespace CustomerPlatform.Ticketing;

/// <summary>
/// A customer's request and its thread. Its id is the one the sender of <c>OpenTicket</c> chose, so a
/// repeated command meets the primary key instead of opening a second ticket.
/// </summary>
public sealed class Ticket
{
    public Guid Id { get; init; }

    /// <summary>The requester.</summary>
    public Guid CustomerId { get; init; }
    public string? CustomerEmail { get; init; }
    public string? CustomerName { get; init; }

    /// <summary>The staff member who owns the ticket; null while it waits in <see cref="Queue"/>.</summary>
    public Guid? AssigneeId { get; set; }

    /// <summary><see cref="TicketQueues.Support"/> while nobody owns the ticket, otherwise null.</summary>
    public string? Queue { get; set; }

    public required string Kind { get; init; }
    public required string Subject { get; init; }
    public string Status { get; set; } = TicketStatuses.Open;

    /// <summary>The flow that asked for the ticket (the customer's journey), echoed on its events.</summary>
    public Guid? CorrelationId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<TicketMessage> Messages { get; init; } = [];

    public bool IsRequester(Guid userId) => userId == CustomerId;

    /// <summary>Hands the ticket to one staff member; it leaves the queue.</summary>
    public void AssignTo(Guid assigneeId, DateTimeOffset now)
    {
        AssigneeId = assigneeId;
        Queue = null;
        UpdatedAt = now;
    }

    /// <summary>
    /// Adds a message to the thread. The requester's message (re)opens the ticket; anyone else's is a
    /// staff reply, after which the ticket waits on the customer.
    /// </summary>
    public TicketMessage Post(Guid authorId, string? authorName, string body, DateTimeOffset now)
    {
        var fromRequester = IsRequester(authorId);
        var message = new TicketMessage
        {
            Id = Guid.NewGuid(),
            TicketId = Id,
            AuthorId = authorId,
            AuthorName = authorName,
            AuthorRole = fromRequester ? AuthorRoles.Customer : AuthorRoles.Staff,
            Body = body,
            CreatedAt = now,
        };
        Messages.Add(message);
        Status = fromRequester ? TicketStatuses.Open : TicketStatuses.Pending;
        UpdatedAt = now;
        return message;
    }

    public void Resolve(DateTimeOffset now)
    {
        if (Status == TicketStatuses.Resolved)
            return;
        Status = TicketStatuses.Resolved;
        UpdatedAt = now;
    }
}
