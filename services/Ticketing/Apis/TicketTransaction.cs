using System.Security.Claims;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing;

/// <summary>The ticket row lock every change to a ticket takes, inside <see cref="DbTransactions.InTransactionAsync"/>.</summary>
public static class TicketTransaction
{
    /// <summary>
    /// The ticket, locked until the transaction ends (two changes at once are applied one after the other),
    /// if the caller may see it; null otherwise.
    /// </summary>
    public static async Task<Ticket?> LockAsync(TicketingDbContext db, Guid ticketId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT id FROM tickets WHERE id = {ticketId} FOR UPDATE", cancellationToken);
        return await db.Tickets.VisibleTo(user).SingleOrDefaultAsync(t => t.Id == ticketId, cancellationToken);
    }
}
