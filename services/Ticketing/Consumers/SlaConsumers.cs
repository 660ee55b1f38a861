using CustomerPlatform.Contracts.Ticketing;
using MassTransit;
using Microsoft.EntityFrameworkCore;

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
/// views, <see cref="TicketSlaAlert"/> announces it, and its owner (or, while nobody owns it, the agents who work its
/// queue) are emailed, once each.
/// </summary>
public sealed class SlaTimerDueConsumer(TicketingDbContext db, TicketEmails emails, TimeProvider time, ILogger<SlaTimerDueConsumer> logger) : IConsumer<SlaTimerDue>
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
        foreach (var recipient in await RecipientsAsync(ticket, context.CancellationToken))
            await context.Publish(emails.SlaAlert(ticket, recipient, due.Metric, due.Version, due.Kind, metric.DueAt ?? now), context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
        logger.LogWarning("Ticket {TicketId} (#{Number}): SLA {Kind} of {Metric} ({Priority})", ticket.Id, ticket.Number, due.Kind, due.Metric, ticket.Priority);
    }

    /// <summary>How many agents of the queue one alert emails at most.</summary>
    public const int MaxQueueRecipients = 50;

    /// <summary>The ticket's owner while they are active staff; otherwise the active agents who work the queue it waits in.</summary>
    private async Task<List<StaffMember>> RecipientsAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        var owner = ticket.AssigneeId is { } assignee
            ? await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == assignee && s.Active, cancellationToken)
            : null;
        if (owner is not null)
            return [owner];
        var queue = ticket.Queue ?? ticket.HomeQueue ?? TicketQueues.Support;
        return await db.Staff.AsNoTracking()
            .Where(s => s.Active && s.Roles.Contains(Roles.Agent) && s.Queues.Contains(queue))
            .OrderBy(s => s.DisplayName).ThenBy(s => s.Id)
            .Take(MaxQueueRecipients)
            .ToListAsync(cancellationToken);
    }
}
