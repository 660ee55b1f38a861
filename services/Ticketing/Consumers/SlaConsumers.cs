using CustomerPlatform.Contracts.Ticketing;
using MassTransit;

namespace CustomerPlatform.Ticketing.Consumers;

/// <summary>Schedules a ticket's SLA warning and breach on the durable scheduler, each carrying the metric's version.</summary>
public sealed class SlaChangedConsumer(IEndpointNameFormatter endpoints, TimeProvider time) : IConsumer<SlaChanged>
{
    public async Task Consume(ConsumeContext<SlaChanged> context)
    {
        var now = time.GetUtcNow();
        var queue = new Uri($"queue:{endpoints.Consumer<SlaTimerDueConsumer>()}");
        foreach (var timer in context.Message.Timers)
        {
            if (timer.WarnAt is { } warnAt)
                await context.ScheduleSend(queue, Max(warnAt, now).UtcDateTime, new SlaTimerDue(context.Message.TicketId, timer.Metric, timer.Version, SlaTimerDue.Warning));
            if (timer.DueAt is { } dueAt)
                await context.ScheduleSend(queue, Max(dueAt, now).UtcDateTime, new SlaTimerDue(context.Message.TicketId, timer.Metric, timer.Version, SlaTimerDue.Breach));
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>
/// A warning or breach falls due: it counts only if the metric still has that version and is still running
/// (a reply, a pause or a priority change since made it stale), and only once. Then the ticket is flagged for the
/// views and <see cref="TicketSlaAlert"/> tells its queue and owner.
/// </summary>
public sealed class SlaTimerDueConsumer(TicketingDbContext db, TimeProvider time, ILogger<SlaTimerDueConsumer> logger) : IConsumer<SlaTimerDue>
{
    public async Task Consume(ConsumeContext<SlaTimerDue> context)
    {
        var due = context.Message;
        var ticket = await TicketTransaction.LockAsync(db, due.TicketId, context.CancellationToken);
        if (ticket?.Sla is not { } clock)
            return;
        var now = time.GetUtcNow();
        var counted = due.Kind == SlaTimerDue.Breach ? clock.MarkBreached(due.Metric, due.Version, now) : clock.MarkWarned(due.Metric, due.Version, now);
        if (!counted)
            return;

        ticket.RefreshSlaSummary();
        var metric = clock.Metric(due.Metric)!;
        await context.Publish(new TicketSlaAlert
        {
            TicketId = ticket.Id,
            Number = ticket.Number,
            Metric = due.Metric,
            Kind = due.Kind,
            DueAt = metric.DueAt ?? now,
            Priority = ticket.Priority,
            Queue = ticket.Queue,
            AssigneeId = ticket.AssigneeId,
            At = now,
        }, context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
        logger.LogWarning("Ticket {TicketId} (#{Number}): SLA {Kind} of {Metric} ({Priority})", ticket.Id, ticket.Number, due.Kind, due.Metric, ticket.Priority);
    }
}
