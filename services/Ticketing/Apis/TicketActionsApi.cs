using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing;

public static class TicketActionsApi
{
    /// <summary>Resolves a ticket the caller may see; resolving a resolved ticket changes nothing.</summary>
    public static async Task<Results<Ok<TicketSummary>, NotFound>> ResolveAsync(
        Guid ticketId, ClaimsPrincipal user, TicketingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // One statement, so it cannot overwrite a message posted at the same moment with a stale ticket.
        await db.Tickets.VisibleTo(user)
            .Where(t => t.Id == ticketId && t.Status != TicketStatuses.Resolved)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.Status, TicketStatuses.Resolved).SetProperty(x => x.UpdatedAt, now), cancellationToken);
        return await SummaryAsync(ticketId, user, db, cancellationToken);
    }

    /// <summary>An agent takes a queue ticket (or hands it on); an admin may reassign any ticket.</summary>
    public static async Task<Results<Ok<TicketSummary>, NotFound, ValidationProblem, ForbidHttpResult>> AssignAsync(
        Guid ticketId, HttpRequest request, ClaimsPrincipal user, TicketingDbContext db, TimeProvider time, CancellationToken cancellationToken)
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

        var now = time.GetUtcNow();
        var updated = await db.Tickets.VisibleTo(user)
            .Where(t => t.Id == ticketId)
            .ExecuteUpdateAsync(t => t
                .SetProperty(x => x.AssigneeId, assigneeId)
                .SetProperty(x => x.Queue, (string?)null)
                .SetProperty(x => x.UpdatedAt, now), cancellationToken);
        if (updated == 0)
            return TypedResults.NotFound();

        var ticket = await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == ticketId, cancellationToken);
        return TypedResults.Ok(TicketSummary.Of(ticket));
    }

    private static async Task<Results<Ok<TicketSummary>, NotFound>> SummaryAsync(
        Guid ticketId, ClaimsPrincipal user, TicketingDbContext db, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.AsNoTracking().VisibleTo(user).SingleOrDefaultAsync(t => t.Id == ticketId, cancellationToken);
        return ticket is null ? TypedResults.NotFound() : TypedResults.Ok(TicketSummary.Of(ticket));
    }
}
