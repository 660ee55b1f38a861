using CustomerPlatform.Contracts.Ticketing;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Consumers;

/// <summary>
/// Opens the ticket another service asked for, with the requester's first message, and announces it,
/// in the consumer outbox's transaction. A repeated command (same TicketId) opens nothing and
/// publishes nothing: the first one's TicketOpened is already on its way.
/// </summary>
public sealed class OpenTicketConsumer(TicketingDbContext db, MessageSentiments sentiments, SlaTracking sla, TicketRouter router, TimeProvider time, ILogger<OpenTicketConsumer> logger)
    : IConsumer<OpenTicket>
{
    /// <summary>Held until the consumer outbox's transaction ends.</summary>
    private const string TicketLockSql = "SELECT pg_advisory_xact_lock({0})";

    public async Task Consume(ConsumeContext<OpenTicket> context)
    {
        var command = context.Message;
        if (command.TicketId == Guid.Empty || command.CustomerId == Guid.Empty || string.IsNullOrWhiteSpace(command.Subject))
        {
            // Retrying cannot fix it; the sender's bug shows in the log instead of a poisoned queue.
            logger.LogError("OpenTicket {TicketId} for customer {CustomerId} lacks a ticket id, a customer id or a subject; it is ignored",
                command.TicketId, command.CustomerId);
            return;
        }

        // Copies of one command racing each other wait here for the first to commit, then find its ticket.
        await db.Database.ExecuteSqlRawAsync(TicketLockSql, [LockKey(command.TicketId)], context.CancellationToken);
        if (await db.Tickets.AnyAsync(t => t.Id == command.TicketId, context.CancellationToken))
        {
            logger.LogInformation("Ticket {TicketId} is already open; the repeated OpenTicket is ignored", command.TicketId);
            return;
        }

        if (!TicketKinds.All.Contains(command.Kind))
            logger.LogWarning("Ticket {TicketId} has an unknown kind {Kind}; it is opened anyway", command.TicketId, command.Kind);

        // A ticket for someone who left (a CSM handed over while the command was on its way) waits in the
        // support queue instead of with nobody.
        var assignee = command.AssigneeId;
        if (assignee is { } staffId && await db.Staff.AnyAsync(s => s.Id == staffId && !s.Active, context.CancellationToken))
        {
            logger.LogWarning("Ticket {TicketId} was for {AssigneeId}, who is no longer active; it goes to the support queue", command.TicketId, staffId);
            assignee = null;
        }

        var now = time.GetUtcNow();
        var ticket = new Ticket
        {
            Id = command.TicketId,
            CustomerId = command.CustomerId,
            CustomerEmail = string.IsNullOrWhiteSpace(command.CustomerEmail) ? null : command.CustomerEmail.Trim(),
            CustomerName = string.IsNullOrWhiteSpace(command.CustomerName) ? null : command.CustomerName.Trim(),
            AssigneeId = assignee,
            Kind = command.Kind,
            Subject = command.Subject.Trim(),
            Status = assignee is null ? TicketStatuses.New : TicketStatuses.Open,
            CorrelationId = command.CorrelationId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        // The thread starts when the customer asked, not when the message reached us.
        var body = command.Body ?? "";
        ticket.Post(command.CustomerId, ticket.CustomerName, body, command.RequestedAt == default ? now : command.RequestedAt.ToUniversalTime(), sla.For(ticket),
            command.Kind == TicketKinds.TrainingAttemptsExhausted ? null : sentiments.Of(ticket.Subject + ". " + body));
        ticket.UpdatedAt = now;
        db.Tickets.Add(ticket);
        if (assignee is null)
            await router.RouteNewAsync(ticket, context.CancellationToken);
        await sla.StartAsync(ticket, context, context.CancellationToken);

        await context.Publish(SupportDeskApi.Announcement(ticket, now));
        logger.LogInformation("Ticket {TicketId} ({Kind}) opened for customer {CustomerId}, {Owner}",
            ticket.Id, ticket.Kind, ticket.CustomerId, ticket.AssigneeId is { } owner ? $"assigned to {owner}" : "in the support queue");
    }

    private static long LockKey(Guid ticketId) => BitConverter.ToInt64(ticketId.ToByteArray(), 0);
}
