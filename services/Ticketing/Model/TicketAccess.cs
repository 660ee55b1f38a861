using System.Security.Claims;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// Who may read a ticket and post on it: its requester; an admin; the staff member it is assigned to;
/// an agent while it waits in a queue (any queue: routing decides who is given it, not who may look). Everyone else is
/// told it does not exist (404).
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
        return tickets.Where(t => t.CustomerId == me || (staff && t.AssigneeId == me) || (agent && t.Queue != null));
    }

    /// <summary>
    /// The tickets <see cref="VisibleTo"/> lets the user see, as one query per reason (waiting in each of
    /// <paramref name="queues"/>, assigned to them, their own request), each leaving out the tickets an earlier one holds, so that together they
    /// hold every visible ticket exactly once. A list runs them as UNION ALL: each walks its own index in the list's
    /// order, where the one OR of <see cref="VisibleTo"/> made PostgreSQL gather every visible ticket (the whole queue,
    /// from the table) to sort and count them.
    /// </summary>
    /// <param name="onlyAssignedToMe">
    /// The caller keeps only the tickets assigned to the user (<c>assignee=me</c>): staff see every one of those, so that
    /// filter is all the visibility there is to test, and the tickets come back unfiltered as one query.
    /// </param>
    /// <param name="queues">
    /// The queues to list the waiting tickets of, one branch each (one equality per branch keeps each on its index in the list's
    /// order): every queue routing knows, or the one the list asks for. A ticket left waiting in a queue since removed from the
    /// settings is listed to admins, to its owner and requester, not to the other agents (it still opens by its id).
    /// </param>
    public static IReadOnlyList<IQueryable<Ticket>> VisibleBranches(this IQueryable<Ticket> tickets, ClaimsPrincipal user, bool onlyAssignedToMe,
        IReadOnlyList<string> queues)
    {
        if (user.IsInRole(Roles.Admin) || (onlyAssignedToMe && user.IsStaff()))
            return [tickets];

        var me = user.GetCustomerId();
        var branches = new List<IQueryable<Ticket>>();
        var rest = tickets;
        if (user.IsInRole(Roles.Agent))
        {
            foreach (var queue in queues)
                branches.Add(rest.Where(t => t.Queue == queue));
            rest = rest.Where(t => t.Queue == null || !queues.Contains(t.Queue));
        }
        if (user.IsStaff())
        {
            branches.Add(rest.Where(t => t.AssigneeId == me));
            rest = rest.Where(t => t.AssigneeId != me);
        }
        branches.Add(rest.Where(t => t.CustomerId == me));
        return branches;
    }

    /// <summary>Taking a ticket or handing it to someone is the support desk's job.</summary>
    public static bool MayAssign(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Agent);
}
