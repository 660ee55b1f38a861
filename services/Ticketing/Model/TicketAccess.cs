using System.Security.Claims;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// Who may read a ticket and post on it: its requester; an admin; the staff member it is assigned to;
/// an agent while it waits in the support queue. Everyone else is told it does not exist (404).
/// </summary>
public static class TicketAccess
{
    public static IQueryable<Ticket> VisibleTo(this IQueryable<Ticket> tickets, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Admin))
            return tickets;

        var me = user.GetCustomerId();
        var staff = user.IsStaff();
        var agent = user.IsInRole(Roles.Agent);
        return tickets.Where(t => t.CustomerId == me || (staff && t.AssigneeId == me) || (agent && t.Queue == TicketQueues.Support));
    }

    /// <summary>Taking a ticket or handing it to someone is the support desk's job.</summary>
    public static bool MayAssign(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Agent);
}
