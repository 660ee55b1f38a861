using System.Security.Claims;
using CustomerPlatform.Contracts.Ticketing;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// Merging two tickets of one customer (the same question asked twice, by email and in the app): the source's whole
/// thread, attachments and call logs move to the target, which says where they came from in a note; the source is
/// closed with a note naming the target. Email answers to the source's messages then find the target, since a thread
/// is found by its messages.
/// </summary>
public static class TicketMergeApi
{
    /// <summary>The ticket to merge into: its id, or its number as the agent sees it (<c>#1042</c>).</summary>
    public sealed record MergeRequest(Guid? IntoTicketId, long? IntoTicketNumber);

    public static async Task<Results<Ok<TicketSummary>, NotFound, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> MergeAsync(
        Guid ticketId, HttpRequest request, ClaimsPrincipal user, TicketingDbContext db, IPublishEndpoint publish, SlaTracking sla, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!user.MayAssign())
            return TypedResults.Forbid();
        var (body, errors) = await JsonRequestBody.ReadAsync<MergeRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        var targetId = body.IntoTicketId ?? (body.IntoTicketNumber is { } number
            ? await db.Tickets.Where(t => t.Number == number).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken)
            : null);
        if (targetId is not { } into || into == Guid.Empty || into == ticketId)
            return Invalid(body.IntoTicketNumber is { } missing && targetId is null
                ? $"There is no ticket #{missing}."
                : "'intoTicketId' (or 'intoTicketNumber') is required: another ticket of the same customer.");

        return await db.InTransactionAsync(async () =>
        {
            // Both rows locked in one order whichever way round they are merged, so two merges cannot deadlock.
            var first = await TicketTransaction.LockAsync(db, ticketId.CompareTo(into) < 0 ? ticketId : into, user, cancellationToken);
            var second = await TicketTransaction.LockAsync(db, ticketId.CompareTo(into) < 0 ? into : ticketId, user, cancellationToken);
            var (source, target) = first?.Id == ticketId ? (first, second) : (second, first);
            if (source is null)
                return (Results<Ok<TicketSummary>, NotFound, ValidationProblem, ForbidHttpResult, ProblemHttpResult>)TypedResults.NotFound();
            if (target is null)
                return Invalid($"There is no ticket '{into}' you can see.");
            if (target.CustomerId != source.CustomerId)
                return Invalid($"Ticket #{target.Number} is another customer's; only one customer's tickets are merged.");
            if (source.IsClosed || target.IsClosed)
                return SupportDeskApi.Conflict("A closed ticket cannot be merged", $"Ticket #{(source.IsClosed ? source.Number : target.Number)} is closed and read-only.");

            var now = time.GetUtcNow();
            var me = user.GetCustomerId();
            var staffName = await TicketMessagesApi.StaffNameAsync(db, user, cancellationToken);
            await db.Messages.Where(m => m.TicketId == source.Id).ExecuteUpdateAsync(m => m.SetProperty(x => x.TicketId, target.Id), cancellationToken);
            await db.Attachments.Where(a => a.TicketId == source.Id).ExecuteUpdateAsync(a => a.SetProperty(x => x.TicketId, target.Id), cancellationToken);
            await db.Calls.Where(c => c.TicketId == source.Id).ExecuteUpdateAsync(c => c.SetProperty(x => x.TicketId, target.Id), cancellationToken);
            db.Messages.Add(source.Post(me, staffName, $"Merged into ticket #{target.Number}.", now, null, @internal: true));
            db.Messages.Add(target.Post(me, staffName, $"Merged ticket #{source.Number} (\u201c{source.Subject}\u201d) into this one: its messages are above.", now, null, @internal: true));
            var freed = TicketStatuses.IsUnsolved(source.Status) ? source.AssigneeId : null;
            source.MergeInto(target, now, sla.For(source));
            await sla.FlushAsync(source, publish, cancellationToken);
            if (freed is { } owner && owner != target.AssigneeId)
                await publish.Publish(new AgentMayTakeMore(owner), cancellationToken);
            await publish.Publish(new TicketMerged
            {
                TicketId = source.Id, IntoTicketId = target.Id, CustomerId = source.CustomerId, MergedBy = me, MergedAt = now,
            }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(TicketSummary.Of(target));
        }, cancellationToken);
    }

    private static ValidationProblem Invalid(string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["intoTicketId"] = [message] });
}
