using MassTransit;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// Keeps every ticket's <see cref="SlaClock"/> in step with what happens to it. Each change to a ticket takes a
/// <see cref="Before"/> snapshot, makes its change, then calls <see cref="TrackAsync"/>: the clock starts with a new
/// ticket and hears of the customer's messages, public staff replies, status and priority changes. When a due time
/// moved, <see cref="SlaChanged"/> goes out with the change (the bus outbox, same transaction), and its consumer
/// schedules the warning and the breach on the durable scheduler: nothing polls.
/// </summary>
public sealed class SlaTracking(IOptions<SlaOptions> options)
{
    private readonly Lazy<SlaPolicy> _policy = new(() => options.Value.ToPolicy());

    public SlaPolicy Policy => _policy.Value;

    public TimeSpan SoonWithin => options.Value.SoonWithin;

    public readonly record struct Snapshot(string Status, string Priority);

    public static Snapshot Before(Ticket ticket) => new(ticket.Status, ticket.Priority);

    /// <summary>Starts the clock of a ticket just created.</summary>
    public Task StartAsync(Ticket ticket, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        var clock = new SlaClock();
        ticket.Sla = clock;
        var timers = clock.Start(ticket.Priority, ticket.CreatedAt, Policy).ToList();
        if (ticket.Status != TicketStatuses.New)
            timers.AddRange(clock.StatusChanged(TicketStatuses.New, ticket.Status, ticket.CreatedAt, Policy));
        return PublishAsync(ticket, timers, publish, cancellationToken);
    }

    /// <summary>Tells the clock what changed since <paramref name="before"/>; a ticket older than SLAs has no clock and is left alone.</summary>
    public Task TrackAsync(Ticket ticket, Snapshot before, TicketMessage? message, DateTimeOffset now, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        if (ticket.Sla is not { } clock)
            return Task.CompletedTask;
        var timers = new List<SlaTimer>();
        if (ticket.Priority != before.Priority)
            timers.AddRange(clock.PriorityChanged(ticket.Priority, now, Policy));
        if (message is { Internal: false })
            timers.AddRange(message.AuthorRole == AuthorRoles.Customer ? clock.CustomerMessage(now, ticket.Status, Policy) : clock.StaffReply(now, Policy));
        if (ticket.Status != before.Status)
            timers.AddRange(clock.StatusChanged(before.Status, ticket.Status, now, Policy));
        return PublishAsync(ticket, timers, publish, cancellationToken);
    }

    private static async Task PublishAsync(Ticket ticket, List<SlaTimer> timers, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        // The columns the queue views sort and filter on; EF sees the clock's change through its comparer.
        ticket.SlaDueAt = ticket.Sla!.NextDueAt;
        ticket.SlaBreached = ticket.Sla.IsBreached;
        var due = timers.Where(t => t.WarnAt is not null || t.DueAt is not null).ToList();
        if (due.Count > 0)
            await publish.Publish(new SlaChanged(ticket.Id, [.. due]), cancellationToken);
    }
}

/// <summary>A ticket's SLA timers moved: schedule these (Ticketing's own message).</summary>
public sealed record SlaChanged(Guid TicketId, IReadOnlyList<SlaTimer> Timers);

/// <summary>A scheduled SLA moment of one metric: <see cref="Kind"/> is "warning" or "breach".</summary>
public sealed record SlaTimerDue(Guid TicketId, string Metric, int Version, string Kind)
{
    public const string Warning = "warning", Breach = "breach";
}
