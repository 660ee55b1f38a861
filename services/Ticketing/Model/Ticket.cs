namespace CustomerPlatform.Ticketing;

/// <summary>
/// A customer's request and its thread. Its id is the one the sender of <c>OpenTicket</c> chose (or the
/// one the contact form's request got), so a repeated command meets the primary key instead of opening a
/// second ticket.
/// </summary>
public sealed class Ticket
{
    public Guid Id { get; init; }

    /// <summary>
    /// The short number people use for the ticket ("#1042"), given by the database in order of creation;
    /// the reply emails carry it in their subject so an answer finds its ticket.
    /// </summary>
    public long Number { get; init; }

    /// <summary>The requester.</summary>
    public Guid CustomerId { get; init; }
    public string? CustomerEmail { get; init; }
    public string? CustomerName { get; init; }

    /// <summary>The staff member who owns the ticket; null while it waits in <see cref="Queue"/>.</summary>
    public Guid? AssigneeId { get; set; }

    /// <summary>The queue the ticket waits in while nobody owns it (<see cref="TicketRouter"/> chose it); null once owned.</summary>
    public string? Queue { get; set; }

    /// <summary>The queue routing chose, kept once someone owns the ticket: the queue it counts for in reports.</summary>
    public string? HomeQueue { get; set; }

    /// <summary>The skill the routing rule asked for: only agents who have it are given the ticket.</summary>
    public string? Skill { get; set; }

    public required string Kind { get; init; }
    public required string Subject { get; init; }

    /// <summary>One of <see cref="TicketStatuses"/>.</summary>
    public string Status { get; set; } = TicketStatuses.Open;

    /// <summary>One of <see cref="TicketPriorities"/>.</summary>
    public string Priority { get; set; } = TicketPriorities.Normal;

    /// <summary>One of <see cref="TicketChannels"/>.</summary>
    public string Channel { get; init; } = TicketChannels.Web;

    public List<string> Tags { get; set; } = [];

    /// <summary>The store's order the ticket is about, if any.</summary>
    public string? OrderId { get; init; }

    /// <summary>The closed ticket this one follows up (the customer wrote again after it was closed).</summary>
    public Guid? FollowUpOf { get; init; }

    /// <summary>The flow that asked for the ticket (the customer's journey), echoed on its events.</summary>
    public Guid? CorrelationId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When it was last solved; null while unsolved. A solved ticket closes <see cref="TicketingOptions.ClosedAfter"/> later.</summary>
    public DateTimeOffset? SolvedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The ticket this one was merged into: closed then, its thread moved there.</summary>
    public Guid? MergedInto { get; set; }

    /// <summary>When the customer was asked to rate the ticket: once per ticket, however often it is solved.</summary>
    public DateTimeOffset? SatisfactionAskedAt { get; set; }

    public List<TicketMessage> Messages { get; init; } = [];

    /// <summary>
    /// The ticket's SLA clock, started by <see cref="StartSla"/> and kept in step by the changes below; null for tickets
    /// opened before SLAs existed, which are left alone.
    /// </summary>
    public SlaClock? Sla { get; set; }

    /// <summary>The earliest due time of a running SLA target: the queue views' "breaching soon" order.</summary>
    public DateTimeOffset? SlaDueAt { get; set; }

    /// <summary>A running target has breached.</summary>
    public bool SlaBreached { get; set; }

    /// <summary>The timers the clock gave since <see cref="TakeSlaTimers"/> was last called (not stored).</summary>
    private List<SlaTimer> _slaTimers = [];
    private List<Guid> _unhappyMessages = [];

    public bool IsRequester(Guid userId) => userId == CustomerId;

    public bool IsClosed => Status == TicketStatuses.Closed;

    /// <summary>Hands the ticket to one staff member; it leaves the queue, and a new ticket is open from now on.</summary>
    public void AssignTo(Guid assigneeId, DateTimeOffset now, SlaPolicy sla)
    {
        AssigneeId = assigneeId;
        Queue = null;
        if (Status == TicketStatuses.New)
        {
            Status = TicketStatuses.Open;
            Tell(sla, (clock, policy) => clock.StatusChanged(TicketStatuses.Open, now, policy));
        }
        UpdatedAt = now;
    }

    /// <summary>
    /// Adds a message to the thread (never to a closed ticket: its follow-up takes it). The requester's
    /// message (re)opens the ticket, or leaves a new one waiting in its queue, and a negative one raises the
    /// priority by one; a staff reply waits on the customer; an internal note changes nothing. The SLA clock
    /// hears of a public message under <paramref name="sla"/>; with null it is not told (it has not started, or
    /// already counts the message).
    /// </summary>
    public TicketMessage Post(Guid authorId, string? authorName, string body, DateTimeOffset now, SlaPolicy? sla, MessageSentiment? sentiment = null,
        bool @internal = false, MessageOrigin? origin = null)
    {
        if (IsClosed)
            throw new InvalidOperationException($"Ticket {Id} is closed; a new message belongs on a follow-up.");

        var fromRequester = IsRequester(authorId);
        var message = new TicketMessage
        {
            Id = origin?.MessageId ?? Guid.CreateVersion7(now),
            TicketId = Id,
            Channel = origin?.Channel ?? TicketChannels.Web,
            EmailMessageId = origin?.EmailMessageId,
            AuthorId = authorId,
            AuthorName = authorName,
            AuthorRole = fromRequester ? AuthorRoles.Customer : AuthorRoles.Staff,
            Body = body,
            Internal = @internal && !fromRequester,
            SentimentScore = sentiment?.Score,
            SentimentLabel = sentiment?.Label,
            CreatedAt = now,
        };
        Messages.Add(message);
        if (message.Internal)
        {
            UpdatedAt = now;
            return message;
        }

        // The clock hears of the priority first, then of the message, then of the status it leaves.
        if (fromRequester)
        {
            if (sentiment?.IsNegative == true)
            {
                ChangePriority(TicketPriorities.Raised(Priority), now, sla);
                _unhappyMessages.Add(message.Id);
            }
            var status = Status == TicketStatuses.New && AssigneeId is null ? TicketStatuses.New : TicketStatuses.Open;
            Tell(sla, (clock, policy) => clock.CustomerMessage(now, status, policy));
            ChangeStatus(status, now, sla);
        }
        else
        {
            Tell(sla, (clock, policy) => clock.StaffReply(now, policy));
            ChangeStatus(TicketStatuses.Pending, now, sla);
        }

        UpdatedAt = now;
        return message;
    }

    /// <summary>Moves the ticket to <paramref name="status"/>; solving stamps <see cref="SolvedAt"/>, leaving solved clears it.</summary>
    public void SetStatus(string status, DateTimeOffset now, SlaPolicy sla) => ChangeStatus(status, now, sla);

    /// <summary>Changes the priority (one of <see cref="TicketPriorities"/>); the SLA clock's unfulfilled targets follow it.</summary>
    public void SetPriority(string priority, DateTimeOffset now, SlaPolicy sla) => ChangePriority(priority, now, sla);

    private void ChangeStatus(string status, DateTimeOffset now, SlaPolicy? sla)
    {
        if (status == Status)
            return;
        if (IsClosed)
            throw new InvalidOperationException($"Ticket {Id} is closed.");
        Status = status;
        SolvedAt = status == TicketStatuses.Solved ? now : null;
        UpdatedAt = now;
        Tell(sla, (clock, policy) => clock.StatusChanged(status, now, policy));
    }

    private void ChangePriority(string priority, DateTimeOffset now, SlaPolicy? sla)
    {
        if (priority == Priority)
            return;
        Priority = priority;
        UpdatedAt = now;
        Tell(sla, (clock, policy) => clock.PriorityChanged(priority, now, policy));
    }

    /// <summary>Closes a ticket solved at <paramref name="solvedAt"/> and not touched since; false when that no longer holds.</summary>
    public bool CloseIfStillSolvedSince(DateTimeOffset solvedAt, DateTimeOffset now, SlaPolicy sla)
    {
        // PostgreSQL keeps microseconds, .NET 100-ns ticks: the stored instant is the announced one cut to the microsecond.
        if (Status != TicketStatuses.Solved || SolvedAt is not { } stored || (stored - solvedAt).Duration() >= TimeSpan.FromMicroseconds(1))
            return false;
        Status = TicketStatuses.Closed;
        ClosedAt = now;
        UpdatedAt = now;
        Tell(sla, (clock, policy) => clock.StatusChanged(TicketStatuses.Closed, now, policy));
        return true;
    }

    /// <summary>
    /// Closes this ticket into <paramref name="target"/> (the caller moves the thread): the target takes its tags, this
    /// one's SLA clock stops.
    /// </summary>
    public void MergeInto(Ticket target, DateTimeOffset now, SlaPolicy sla)
    {
        if (IsClosed || target.IsClosed)
            throw new InvalidOperationException($"Ticket {Id} or {target.Id} is closed.");
        (Status, ClosedAt, MergedInto, UpdatedAt) = (TicketStatuses.Closed, now, target.Id, now);
        Tell(sla, (clock, policy) => clock.StatusChanged(TicketStatuses.Closed, now, policy));
        target.Tags = [.. target.Tags.Union(Tags)];
        target.UpdatedAt = now;
    }

    /// <summary>Starts the SLA clock of a ticket just created, at <see cref="CreatedAt"/>, with its priority and status.</summary>
    public void StartSla(SlaPolicy sla)
    {
        Sla = new SlaClock();
        Tell(sla, (clock, policy) => clock.Start(Priority, CreatedAt, policy));
        if (Status != TicketStatuses.New)
            Tell(sla, (clock, policy) => clock.StatusChanged(Status, CreatedAt, policy));
    }

    /// <summary>Copies from the clock what the queue views sort and filter on: <see cref="SlaDueAt"/> and <see cref="SlaBreached"/>.</summary>
    public void RefreshSlaSummary()
    {
        if (Sla is not { } clock)
            return;
        SlaDueAt = clock.NextDueAt;
        SlaBreached = clock.IsBreached;
    }

    /// <summary>The requester's negative messages posted since the last call, for <see cref="SlaTracking.FlushAsync"/> to announce.</summary>
    public IReadOnlyList<Guid> TakeUnhappyMessages()
    {
        var messages = _unhappyMessages;
        _unhappyMessages = [];
        return messages;
    }

    /// <summary>The timers the ticket's changes gave its SLA clock since the last call, for <see cref="SlaTracking.FlushAsync"/> to schedule.</summary>
    public IReadOnlyList<SlaTimer> TakeSlaTimers()
    {
        var timers = _slaTimers;
        _slaTimers = [];
        return timers;
    }

    /// <summary>Tells the SLA clock of a change under <paramref name="sla"/>, keeping the timers it gives; a ticket without a clock is left alone.</summary>
    private void Tell(SlaPolicy? sla, Func<SlaClock, SlaPolicy, IReadOnlyList<SlaTimer>> change)
    {
        if (sla is not null && Sla is { } clock)
            _slaTimers.AddRange(change(clock, sla));
    }
}

/// <summary>
/// Where a message came from when not the app: its channel, the id it must have (one derived from the
/// email's Message-ID, so a repeated delivery meets the primary key) and the email's Message-ID.
/// </summary>
public sealed record MessageOrigin(string Channel, Guid? MessageId = null, string? EmailMessageId = null);

/// <summary>A message's sentiment: a score in [-1, 1] and its label.</summary>
public sealed record MessageSentiment(double Score, string Label)
{
    public const string Negative = "negative", Neutral = "neutral", Positive = "positive";

    public bool IsNegative => Label == Negative;
}
