using System.Security.Claims;
using CustomerPlatform.Contracts.Customers.Views;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// <c>GET /api/support/tickets/{ticketId}/context</c>: the requester's <see cref="TicketContext"/> for staff who may read
/// the ticket (a customer is refused by the route's role, 403; a ticket the caller may not see is 404). Five small
/// queries, each read off an index by the requester's id: the ticket with the requester's contact, CSM and loyalty tier (primary
/// keys), their orders (<c>ix_support_orders_customer_placed</c>), their other tickets, the messages of their tickets
/// and the ratings of their tickets (<c>ix_tickets_customer_created</c>, then each ticket's messages or rating by key).
/// </summary>
public static class TicketContextApi
{
    public const int RecentOrders = 5, OtherTickets = 5, SentimentWindow = 20;

    public static async Task<Results<Ok<TicketContext>, NotFound>> GetAsync(
        Guid ticketId, ClaimsPrincipal user, TicketingDbContext db, CancellationToken cancellationToken)
    {
        // The contact, the CSM and the tier are keyed by the customer: at most one row each, joined by their primary keys.
        var ticket = await (
                from t in db.Tickets.AsNoTracking().VisibleTo(user).Where(t => t.Id == ticketId)
                from c in db.CustomerContacts.Where(c => c.CustomerId == t.CustomerId).DefaultIfEmpty()
                from m in db.CustomerManagers.Where(m => m.CustomerId == t.CustomerId).DefaultIfEmpty()
                from l in db.CustomerLoyaltyTiers.Where(l => l.CustomerId == t.CustomerId).DefaultIfEmpty()
                select new
                {
                    Tier = l == null ? null : l.Tier,
                    Requester = new TicketContext.RequesterView(t.CustomerId, c.DisplayName ?? t.CustomerName, c.Email ?? t.CustomerEmail),
                    Manager = m == null ? null : new TicketContext.ManagerView(m.ManagerId, m.ManagerName, m.ManagerEmail),
                })
            .SingleOrDefaultAsync(cancellationToken);
        if (ticket is null)
            return TypedResults.NotFound();
        var customer = ticket.Requester.CustomerId;

        // The support desk's copy knows an order as placed, delivered or cancelled (refunds are the returns' business).
        var orders = await db.SupportOrders.AsNoTracking()
            .Where(o => o.CustomerId == customer)
            .OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.OrderId)
            .Take(RecentOrders)
            .Select(o => new TicketContext.OrderView(o.OrderId,
                o.CancelledAt != null ? OrderStatuses.Cancelled : o.DeliveredAt != null ? OrderStatuses.Delivered : OrderStatuses.Placed,
                o.Total, o.Currency, o.PlacedAt, o.DeliveredAt))
            .ToListAsync(cancellationToken);

        // Only the tickets the caller may open: a link to one they may not would be a 404, and its subject not theirs to read.
        var others = await db.Tickets.AsNoTracking().VisibleTo(user)
            .Where(t => t.CustomerId == customer && t.Id != ticketId)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Take(OtherTickets)
            .Select(t => new TicketContext.TicketView(t.Id, t.Number, t.Subject, t.Status, t.CreatedAt))
            .ToListAsync(cancellationToken);

        // Counts and averages tell nothing of a ticket's content: they cover all the requester's tickets.
        var moods = await db.Tickets
            .Where(t => t.CustomerId == customer)
            .SelectMany(t => t.Messages)
            .Where(m => m.AuthorRole == AuthorRoles.Customer && m.SentimentLabel != null)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Take(SentimentWindow)
            .Select(m => new { m.SentimentScore, m.SentimentLabel })
            .ToListAsync(cancellationToken);
        var scores = moods.Where(m => m.SentimentScore is not null).Select(m => m.SentimentScore!.Value).ToList();
        var sentiment = new TicketContext.SentimentView(moods.Count, scores.Count > 0 ? Math.Round(scores.Average(), 4) : null,
            moods.Count(m => m.SentimentLabel == MessageSentiment.Positive), moods.Count(m => m.SentimentLabel == MessageSentiment.Neutral),
            moods.Count(m => m.SentimentLabel == MessageSentiment.Negative), moods.FirstOrDefault()?.SentimentLabel);

        var ratings = await db.Tickets
            .Where(t => t.CustomerId == customer)
            .Join(db.SatisfactionRatings, t => t.Id, r => r.TicketId, (t, r) => r.Score)
            .GroupBy(_ => 1)
            .Select(g => new TicketContext.SatisfactionSummary(g.Count(), g.Average(s => (double)s)))
            .SingleOrDefaultAsync(cancellationToken);

        return TypedResults.Ok(new TicketContext(ticketId, ticket.Requester, ticket.Manager, orders,
            ticket.Tier, others, sentiment,
            ratings is null ? new(0, null) : ratings with { AverageScore = Math.Round(ratings.AverageScore!.Value, 2) }));
    }
}
