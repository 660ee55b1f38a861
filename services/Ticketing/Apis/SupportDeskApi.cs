using System.Security.Claims;
using CustomerPlatform.Contracts.Ticketing;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing;

/// <summary>The support desk's routes beyond the thread: a customer's own request, staff's changes, solving and the rating.</summary>
public static class SupportDeskApi
{
    public sealed record Opened(Guid TicketId);

    /// <summary>
    /// The customer's request (commerce.md): a new ticket in the support queue with their first message,
    /// announced with <see cref="TicketOpened"/> in the same transaction.
    /// </summary>
    public static async Task<Results<Created<Opened>, ValidationProblem>> OpenAsync(
        HttpRequest request, ClaimsPrincipal user, TicketingDbContext db, IPublishEndpoint publish, MessageSentiments sentiments,
        SlaTracking sla, TicketRouter router, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<OpenTicketRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        errors = [];
        var subject = TicketRules.Text(body.Subject, "subject", TicketRules.MaxSubjectLength, errors);
        var text = TicketRules.Text(body.Body, "body", TicketRules.MaxBodyLength, errors);
        var channel = TicketRules.OneOf(body.Channel, "channel", TicketChannels.All, errors) ?? TicketChannels.Web;
        TicketRules.OrderId(body.OrderId, errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var me = user.GetCustomerId();
        var now = time.GetUtcNow();
        var sentiment = sentiments.Of(subject + ". " + text);
        var ticketId = await db.InTransactionAsync(async () =>
        {
            var ticket = new Ticket
            {
                Id = Guid.CreateVersion7(now),
                CustomerId = me,
                CustomerEmail = user.GetEmail(),
                CustomerName = user.GetDisplayName(),
                Kind = TicketKinds.Request,
                Subject = subject!,
                Status = TicketStatuses.New,
                Channel = channel,
                OrderId = body.OrderId,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Messages.Add(ticket.Post(me, ticket.CustomerName, text!, now, sla.For(ticket), sentiment));
            db.Tickets.Add(ticket);
            await router.RouteNewAsync(ticket, cancellationToken);
            await sla.StartAsync(ticket, publish, cancellationToken);
            await publish.Publish(Announcement(ticket, now), cancellationToken);
            return ticket.Id;
        }, cancellationToken);
        return TypedResults.Created($"/api/support/tickets/{ticketId}", new Opened(ticketId));
    }

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: title);

    public static TicketOpened Announcement(Ticket ticket, DateTimeOffset now) => new()
    {
        TicketId = ticket.Id,
        CustomerId = ticket.CustomerId,
        AssigneeId = ticket.AssigneeId,
        Kind = ticket.Kind,
        Subject = ticket.Subject,
        OpenedAt = now,
        CorrelationId = ticket.CorrelationId,
        Channel = ticket.Channel,
        Priority = ticket.Priority,
        OrderId = ticket.OrderId,
    };

    /// <summary>Staff change a ticket's status, priority or tags. A closed ticket is read-only (409).</summary>
    public static async Task<Results<Ok<TicketSummary>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid ticketId, HttpRequest request, ClaimsPrincipal user, TicketingDbContext db, IPublishEndpoint publish, SlaTracking sla, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<UpdateTicketRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        errors = [];
        var status = TicketRules.OneOf(body.Status, "status", TicketStatuses.Settable, errors);
        var priority = TicketRules.OneOf(body.Priority, "priority", TicketPriorities.All, errors);
        var tags = TicketRules.Tags(body.Tags, errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        return await db.InTransactionAsync(async () =>
        {
            var ticket = await TicketTransaction.LockAsync(db, ticketId, user, cancellationToken);
            if (ticket is null)
                return (Results<Ok<TicketSummary>, NotFound, ValidationProblem, ProblemHttpResult>)TypedResults.NotFound();
            if (ticket.IsClosed)
                return Conflict("This ticket is closed", $"Ticket {ticketId} is closed and read-only; the customer's next message opens a follow-up.");

            var now = time.GetUtcNow();
            if (priority is not null)
                ticket.SetPriority(priority, now, sla.For(ticket));
            if (tags is not null && !tags.SequenceEqual(ticket.Tags))
            {
                ticket.Tags = tags;
                ticket.UpdatedAt = now;
            }
            if (status is not null)
                await ChangeStatusAsync(ticket, status, user.GetCustomerId(), publish, sla, now, cancellationToken);
            await sla.FlushAsync(ticket, publish, cancellationToken);
            return TypedResults.Ok(TicketSummary.Of(ticket));
        }, cancellationToken);
    }

    /// <summary>Solves a ticket the caller may see (staff on it, or its requester); solving a solved or closed ticket changes nothing.</summary>
    public static async Task<Results<Ok<TicketSummary>, NotFound>> SolveAsync(
        Guid ticketId, ClaimsPrincipal user, TicketingDbContext db, IPublishEndpoint publish, SlaTracking sla, TimeProvider time, CancellationToken cancellationToken) =>
        await db.InTransactionAsync(async () =>
        {
            var ticket = await TicketTransaction.LockAsync(db, ticketId, user, cancellationToken);
            if (ticket is null)
                return (Results<Ok<TicketSummary>, NotFound>)TypedResults.NotFound();
            if (!ticket.IsClosed)
            {
                var now = time.GetUtcNow();
                await ChangeStatusAsync(ticket, TicketStatuses.Solved, user.GetCustomerId(), publish, sla, now, cancellationToken);
                await sla.FlushAsync(ticket, publish, cancellationToken);
            }
            return TypedResults.Ok(TicketSummary.Of(ticket));
        }, cancellationToken);

    /// <summary>Sets the status; becoming solved publishes <see cref="TicketSolved"/> (the rating is asked and the closing scheduled from it).</summary>
    internal static async Task ChangeStatusAsync(Ticket ticket, string status, Guid by, IPublishEndpoint publish, SlaTracking sla, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (status == ticket.Status)
            return;
        ticket.SetStatus(status, now, sla.For(ticket));
        if (status == TicketStatuses.Solved)
        {
            await publish.Publish(new TicketSolved
            {
                TicketId = ticket.Id,
                CustomerId = ticket.CustomerId,
                AssigneeId = ticket.AssigneeId,
                Subject = ticket.Subject,
                SolvedAt = now,
                SolvedBy = by,
            }, cancellationToken);
            // The owner has room for one more: routing gives them what waits in their queues.
            if (ticket.AssigneeId is { } owner)
                await publish.Publish(new AgentMayTakeMore(owner), cancellationToken);
        }
    }

    /// <summary>
    /// The requester rates a solved (or closed) ticket, once: the same rating again is accepted and changes
    /// nothing; a different one is refused (409), as is a rating before the ticket is solved.
    /// </summary>
    public static async Task<Results<Accepted, NotFound, ValidationProblem, ProblemHttpResult>> RateAsync(
        Guid ticketId, HttpRequest request, ClaimsPrincipal user, TicketingDbContext db, IPublishEndpoint publish, MessageSentiments sentiments,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<SatisfactionRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        errors = [];
        if (body.Score is not (>= 1 and <= 5))
            errors["score"] = ["'score' is required: a whole number from 1 to 5."];
        var comment = TicketRules.Text(body.Comment, "comment", TicketRules.MaxCommentLength, errors, required: false);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var me = user.GetCustomerId();
        var sentiment = comment is null ? null : sentiments.Of(comment);
        return await db.InTransactionAsync(async () =>
        {
            var ticket = await TicketTransaction.LockAsync(db, ticketId, user, cancellationToken);
            if (ticket is null || !ticket.IsRequester(me))
                return (Results<Accepted, NotFound, ValidationProblem, ProblemHttpResult>)TypedResults.NotFound();

            var existing = await db.SatisfactionRatings.AsNoTracking().SingleOrDefaultAsync(r => r.TicketId == ticketId, cancellationToken);
            if (existing is not null)
            {
                return existing.Score == body.Score && existing.Comment == comment
                    ? TypedResults.Accepted((string?)null)
                    : Conflict("This ticket is already rated", $"Ticket {ticketId} was rated {existing.Score} on {existing.RatedAt:u}; a ticket is rated once.");
            }
            if (TicketStatuses.IsUnsolved(ticket.Status))
                return Conflict("This ticket is not solved yet", $"Ticket {ticketId} is {ticket.Status}; it can be rated once it is solved.");

            var now = time.GetUtcNow();
            db.SatisfactionRatings.Add(new SatisfactionRating
            {
                TicketId = ticket.Id,
                CustomerId = me,
                AgentId = ticket.AssigneeId,
                Queue = ticket.HomeQueue ?? ticket.Queue,
                Channel = ticket.Channel,
                Score = body.Score!.Value,
                Comment = comment,
                CommentSentimentScore = sentiment?.Score,
                CommentSentimentLabel = sentiment?.Label,
                RatedAt = now,
            });
            await publish.Publish(new TicketRated
            {
                TicketId = ticket.Id,
                CustomerId = me,
                AgentId = ticket.AssigneeId,
                Score = body.Score!.Value,
                Comment = comment,
                RatedAt = now,
            }, cancellationToken);
            return TypedResults.Accepted((string?)null);
        }, cancellationToken);
    }
}
