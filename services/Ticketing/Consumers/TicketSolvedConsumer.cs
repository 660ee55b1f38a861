using CustomerPlatform.Contracts.Ticketing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Ticketing.Consumers;

/// <summary>Closes a ticket that is still solved since <see cref="SolvedAt"/> (sent by <see cref="TicketSolvedConsumer"/> on the durable scheduler).</summary>
public sealed record CloseSolvedTicket(Guid TicketId, DateTimeOffset SolvedAt);

/// <summary>
/// A ticket was solved: the requester is asked to rate it, once per ticket (the ask is stamped on the
/// ticket, and the email's id comes from the ticket, so a repeated event or a second solve asks nothing
/// more), and its closing is scheduled <see cref="TicketingOptions.ClosedAfter"/> later on the durable
/// scheduler, all in the consumer outbox's transaction.
/// </summary>
public sealed class TicketSolvedConsumer(
    TicketingDbContext db, TicketEmails emails, IOptions<TicketingOptions> options, IEndpointNameFormatter endpoints, TimeProvider time)
    : IConsumer<TicketSolved>
{
    public async Task Consume(ConsumeContext<TicketSolved> context)
    {
        var solved = context.Message;
        var now = time.GetUtcNow();
        var asked = await db.Tickets
            .Where(t => t.Id == solved.TicketId && t.SatisfactionAskedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.SatisfactionAskedAt, now), context.CancellationToken);
        if (asked == 1)
        {
            var ticket = await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == solved.TicketId, context.CancellationToken);
            if (ticket.CustomerEmail is not null)
                await context.Publish(emails.Satisfaction(ticket), context.CancellationToken);
        }

        var due = solved.SolvedAt + options.Value.ClosedAfter;
        var queue = new Uri($"queue:{endpoints.Consumer<CloseSolvedTicketConsumer>()}");
        await context.ScheduleSend(queue, (due > now ? due : now).UtcDateTime, new CloseSolvedTicket(solved.TicketId, solved.SolvedAt));
    }
}

/// <summary>Closes the ticket if nothing happened since it was solved (a re-opened and re-solved ticket has its own, later, closing).</summary>
public sealed class CloseSolvedTicketConsumer(TicketingDbContext db, SlaTracking sla, TimeProvider time, ILogger<CloseSolvedTicketConsumer> logger)
    : IConsumer<CloseSolvedTicket>
{
    public async Task Consume(ConsumeContext<CloseSolvedTicket> context)
    {
        var command = context.Message;
        var ticket = await TicketTransaction.LockAsync(db, command.TicketId, context.CancellationToken);
        if (ticket is null)
            return;
        if (!ticket.CloseIfStillSolvedSince(command.SolvedAt, time.GetUtcNow(), sla.For(ticket)))
            return;
        await sla.FlushAsync(ticket, context, context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
        logger.LogInformation("Ticket {TicketId}, solved at {SolvedAt}, is closed", ticket.Id, command.SolvedAt);
    }
}
