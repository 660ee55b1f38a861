using System.Security.Claims;
using CustomerPlatform.Contracts.Ticketing;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing;

public static class TicketMessagesApi
{
    public const int MaxBodyLength = 10_000;

    /// <summary>
    /// Adds the caller's message. A staff reply publishes TicketAnswered and asks Notifications to email
    /// the customer; both go through the bus outbox, committed with the message or not at all.
    /// </summary>
    public static async Task<Results<Created<TicketMessageView>, NotFound, ValidationProblem>> PostAsync(
        Guid ticketId, HttpRequest request, ClaimsPrincipal user, TicketingDbContext db, IPublishEndpoint publish,
        ReplyEmail replyEmail, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<PostMessageRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        var text = body.Body?.Trim();
        if (string.IsNullOrEmpty(text))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["'body' is required."] });
        if (text.Length > MaxBodyLength)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"'body' must be at most {MaxBodyLength:N0} characters."] });
        if (!TextRules.IsStorable(text))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"'body' {TextRules.NotStorable}"] });

        var me = user.GetCustomerId();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            // A retried attempt starts clean: nothing half-added (the outbox rows included) survives the failed one.
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // Two messages posted at once are applied one after the other, so the status follows the last one.
            await db.Database.ExecuteSqlAsync($"SELECT id FROM tickets WHERE id = {ticketId} FOR UPDATE", cancellationToken);
            var ticket = await db.Tickets.VisibleTo(user).SingleOrDefaultAsync(t => t.Id == ticketId, cancellationToken);
            if (ticket is null)
                return (Results<Created<TicketMessageView>, NotFound, ValidationProblem>)TypedResults.NotFound();

            var staffName = ticket.IsRequester(me)
                ? null
                : await db.Staff.Where(s => s.Id == me).Select(s => s.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? user.GetDisplayName();
            var now = time.GetUtcNow();
            var message = ticket.Post(me, ticket.IsRequester(me) ? ticket.CustomerName ?? user.GetDisplayName() : staffName, text, now);
            db.Messages.Add(message);

            if (message.AuthorRole == AuthorRoles.Staff)
            {
                await publish.Publish(new TicketAnswered
                {
                    TicketId = ticket.Id,
                    CustomerId = ticket.CustomerId,
                    Kind = ticket.Kind,
                    AnsweredBy = me,
                    AnsweredAt = now,
                    CorrelationId = ticket.CorrelationId,
                }, cancellationToken);
                if (ticket.CustomerEmail is not null)
                    await publish.Publish(replyEmail.For(ticket, message, staffName ?? "Our support team"), cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            var view = TicketingApi.View(ticket, message, new Dictionary<Guid, string>());
            return TypedResults.Created($"/api/support/tickets/{ticket.Id}", view);
        });
    }
}
