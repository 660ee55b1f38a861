using MassTransit;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// Schedules what a ticket's <see cref="SlaClock"/> asks for. The ticket's own changes keep the clock in step
/// (<see cref="Ticket.StartSla"/>, <see cref="Ticket.Post"/>, <see cref="Ticket.SetStatus"/>, <see cref="Ticket.SetPriority"/>,
/// <see cref="Ticket.AssignTo"/>, <see cref="Ticket.CloseIfStillSolvedSince"/>: the clock starts with a new ticket and
/// hears of the customer's messages, public staff replies, status and priority changes); each change to a ticket then
/// calls <see cref="FlushAsync"/> before it is saved. When a due time moved, <see cref="SlaChanged"/> goes out with the
/// change (the bus outbox, same transaction), and its consumer schedules the warning and the breach on the durable
/// scheduler: nothing polls.
/// </summary>
public sealed class SlaTracking(IOptions<SlaOptions> options)
{
    private readonly Lazy<IReadOnlyDictionary<string, SlaPolicy>> _policies = new(() => options.Value.ToPolicies());

    /// <summary>The policy of the tickets of no queue with targets of its own.</summary>
    public SlaPolicy Policy => _policies.Value[SlaOptions.DefaultPolicy];

    /// <summary>
    /// The policy the ticket's clock started under (its queue's, when the queue has targets of its own), kept for the
    /// ticket's life; a policy since removed from the settings falls back to the default one.
    /// </summary>
    public SlaPolicy For(Ticket ticket) => Named(ticket.Sla?.Policy ?? ticket.HomeQueue);

    private SlaPolicy Named(string? name) => name is not null && _policies.Value.TryGetValue(name, out var policy) ? policy : Policy;

    public TimeSpan SoonWithin => options.Value.SoonWithin;

    /// <summary>Starts the clock of a ticket just created (and routed: its queue picks the policy) and schedules its timers.</summary>
    public Task StartAsync(Ticket ticket, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        ticket.StartSla(Named(ticket.HomeQueue));
        return FlushAsync(ticket, publish, cancellationToken);
    }

    /// <summary>
    /// Copies the clock's summary to the ticket's columns and publishes the timers its changes gave since the last
    /// flush (a ticket older than SLAs has no clock and is left alone), and the requester's negative messages.
    /// </summary>
    public async Task FlushAsync(Ticket ticket, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        // The same moment tells the customer's CSM of what upset them (CustomerUnhappyConsumer).
        foreach (var message in ticket.TakeUnhappyMessages())
            await publish.Publish(new CustomerUnhappy(ticket.Id, message), cancellationToken);
        if (ticket.Sla is null)
            return;
        // The columns the queue views sort and filter on; EF sees the clock's change through its comparer.
        ticket.RefreshSlaSummary();
        var due = ticket.TakeSlaTimers().Where(t => t.WarnAt is not null || t.DueAt is not null).ToList();
        if (due.Count > 0)
            await publish.Publish(new SlaChanged(ticket.Id, [.. due]), cancellationToken);
    }
}

/// <summary>The requester wrote a negative message on a ticket: their CSM hears of it (Ticketing's own message).</summary>
public sealed record CustomerUnhappy(Guid TicketId, Guid MessageId);

/// <summary>A ticket's SLA timers moved: schedule these (Ticketing's own message).</summary>
public sealed record SlaChanged(Guid TicketId, IReadOnlyList<SlaTimer> Timers);

/// <summary>A scheduled SLA moment of one metric: <see cref="Kind"/> is "warning" or "breach".</summary>
public sealed record SlaTimerDue(Guid TicketId, string Metric, int Version, string Kind)
{
    public const string Warning = "warning", Breach = "breach";
}
