using System.Security.Claims;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing;

public static class TicketActionsApi
{
    /// <summary>An agent takes a queue ticket (or hands it on); an admin may reassign any ticket. A new ticket is open from then on; a closed one is read-only (409).</summary>
    public static async Task<Results<Ok<TicketSummary>, NotFound, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> AssignAsync(
        Guid ticketId, HttpRequest request, ClaimsPrincipal user, TicketingDbContext db, IPublishEndpoint publish, SlaTracking sla, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!user.MayAssign())
            return TypedResults.Forbid();

        var (body, errors) = await JsonRequestBody.ReadAsync<AssignTicketRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        if (body.AssigneeId is not { } assigneeId || assigneeId == Guid.Empty)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["assigneeId"] = ["'assigneeId' is required: a staff member's id."] });

        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == assigneeId, cancellationToken);
        if (staff is not { Active: true } || !staff.Roles.Any(Roles.Staff.Contains))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["assigneeId"] = [$"'{assigneeId}' is not an active staff member."] });

        return await db.InTransactionAsync(async () =>
        {
            var ticket = await TicketTransaction.LockAsync(db, ticketId, user, cancellationToken);
            if (ticket is null)
                return (Results<Ok<TicketSummary>, NotFound, ValidationProblem, ForbidHttpResult, ProblemHttpResult>)TypedResults.NotFound();
            if (ticket.IsClosed)
                return SupportDeskApi.Conflict("This ticket is closed", $"Ticket {ticketId} is closed and read-only.");
            var previous = ticket.AssigneeId;
            ticket.AssignTo(assigneeId, time.GetUtcNow(), sla.For(ticket));
            await sla.FlushAsync(ticket, publish, cancellationToken);
            if (previous is { } freed && freed != assigneeId && TicketStatuses.IsUnsolved(ticket.Status))
                await publish.Publish(new AgentMayTakeMore(freed), cancellationToken);
            return TypedResults.Ok(TicketSummary.Of(ticket));
        }, cancellationToken);
    }
}
