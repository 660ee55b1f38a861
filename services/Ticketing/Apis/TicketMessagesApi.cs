using System.Security.Claims;
using CustomerPlatform.Contracts.Ticketing;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing;

public static class TicketMessagesApi
{
    /// <summary>
    /// Adds the caller's message. A staff reply publishes TicketAnswered and asks Notifications to email
    /// the customer; both go through the bus outbox, committed with the message or not at all. A staff
    /// note (<c>internal</c>) does neither. The customer's message on a closed ticket opens a follow-up
    /// ticket, which the answer's location names; staff cannot write on a closed ticket (409).
    /// </summary>
    public static async Task<Results<Created<TicketMessageView>, NotFound, ValidationProblem, ProblemHttpResult>> PostAsync(
        Guid ticketId, HttpRequest request, ClaimsPrincipal user, TicketingDbContext db, IPublishEndpoint publish,
        TicketEmails emails, MessageSentiments sentiments, SlaTracking sla, TicketRouter router, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<PostMessageRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        errors = [];
        var text = TicketRules.Text(body.Body, "body", TicketRules.MaxBodyLength, errors);
        if (body.Internal == true && !user.IsStaff())
            errors["internal"] = ["Only staff write internal notes."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var me = user.GetCustomerId();
        return await db.InTransactionAsync(async () =>
        {
            var ticket = await TicketTransaction.LockAsync(db, ticketId, user, cancellationToken);
            if (ticket is null)
                return (Results<Created<TicketMessageView>, NotFound, ValidationProblem, ProblemHttpResult>)TypedResults.NotFound();

            var now = time.GetUtcNow();
            var fromRequester = ticket.IsRequester(me);
            if (ticket.IsClosed)
            {
                if (!fromRequester)
                    return SupportDeskApi.Conflict("This ticket is closed", $"Ticket {ticketId} is closed and read-only.");
                ticket = await FollowUpAsync(db, ticket, publish, sla, router, now, cancellationToken);
            }

            var staffName = fromRequester ? null : await StaffNameAsync(db, user, cancellationToken);
            var message = ticket.Post(me, fromRequester ? ticket.CustomerName ?? user.GetDisplayName() : staffName, text!, now, sla.For(ticket),
                fromRequester ? sentiments.Of(text!) : null, body.Internal == true);
            db.Messages.Add(message);
            await sla.FlushAsync(ticket, publish, cancellationToken);

            if (message.AuthorRole == AuthorRoles.Staff && !message.Internal)
                await AnsweredAsync(db, ticket, message, staffName, publish, emails, cancellationToken);

            var view = TicketingApi.View(ticket, message, new Dictionary<Guid, string>(), user.IsStaff());
            return TypedResults.Created($"/api/support/tickets/{ticket.Id}", view);
        }, cancellationToken);
    }

    /// <summary>The name a staff member signs with: the directory's, else the token's.</summary>
    internal static async Task<string?> StaffNameAsync(TicketingDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var me = user.GetCustomerId();
        return await db.Staff.Where(s => s.Id == me).Select(s => s.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? user.GetDisplayName();
    }

    /// <summary>A staff reply the customer sees: TicketAnswered, and the reply by email in the customer's thread.</summary>
    internal static async Task AnsweredAsync(TicketingDbContext db, Ticket ticket, TicketMessage message, string? staffName, IPublishEndpoint publish,
        TicketEmails emails, CancellationToken cancellationToken)
    {
        await publish.Publish(new TicketAnswered
        {
            TicketId = ticket.Id,
            CustomerId = ticket.CustomerId,
            Kind = ticket.Kind,
            AnsweredBy = message.AuthorId,
            AnsweredAt = message.CreatedAt,
            CorrelationId = ticket.CorrelationId,
        }, cancellationToken);
        if (ticket.CustomerEmail is not null)
            await publish.Publish(emails.Reply(ticket, message, staffName ?? "Our support team",
                await emails.ThreadingAsync(db, ticket.Id, message.Id, cancellationToken)), cancellationToken);
    }

    /// <summary>A new ticket that follows up a closed one: same requester, subject, channel, order and owner (if still active), announced like any other.</summary>
    internal static async Task<Ticket> FollowUpAsync(TicketingDbContext db, Ticket closed, IPublishEndpoint publish, SlaTracking sla, TicketRouter router,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var owner = closed.AssigneeId is { } assignee && await db.Staff.AnyAsync(s => s.Id == assignee && s.Active, cancellationToken) ? assignee : (Guid?)null;
        var followUp = new Ticket
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = closed.CustomerId,
            CustomerEmail = closed.CustomerEmail,
            CustomerName = closed.CustomerName,
            AssigneeId = owner,
            HomeQueue = closed.HomeQueue,
            Kind = closed.Kind,
            Subject = closed.Subject,
            Status = owner is null ? TicketStatuses.New : TicketStatuses.Open,
            Priority = closed.Priority,
            Channel = closed.Channel,
            Tags = [.. closed.Tags],
            OrderId = closed.OrderId,
            FollowUpOf = closed.Id,
            CorrelationId = closed.CorrelationId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Tickets.Add(followUp);
        if (owner is null)
            await router.RouteNewAsync(followUp, cancellationToken);
        await sla.StartAsync(followUp, publish, cancellationToken);
        await publish.Publish(SupportDeskApi.Announcement(followUp, now), cancellationToken);
        return followUp;
    }
}
