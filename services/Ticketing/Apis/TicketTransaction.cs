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
    public static Task<Ticket?> LockAsync(TicketingDbContext db, Guid ticketId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        LockAsync(db, db.Tickets.VisibleTo(user), ticketId, cancellationToken);

    /// <summary>The same for the service itself (a scheduled closing, a chat), whoever may see the ticket: one round trip.</summary>
    public static async Task<Ticket?> LockAsync(TicketingDbContext db, Guid ticketId, CancellationToken cancellationToken) =>
        (await db.Tickets.FromSql($"SELECT * FROM tickets WHERE id = {ticketId} FOR UPDATE").ToListAsync(cancellationToken)).SingleOrDefault();

    private static async Task<Ticket?> LockAsync(TicketingDbContext db, IQueryable<Ticket> tickets, Guid ticketId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT id FROM tickets WHERE id = {ticketId} FOR UPDATE", cancellationToken);
        return await tickets.SingleOrDefaultAsync(t => t.Id == ticketId, cancellationToken);
    }
}
