using CustomerPlatform.Contracts.Loyalty;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Consumers;

/// <summary>
/// Keeps each customer's loyalty tier (<see cref="CustomerLoyaltyTier"/>) from Loyalty's changes: one statement, which a
/// repeated event leaves as it is and an older one (by the change's time) cannot undo. A guest member's change (no
/// customer) is not kept: the support desk knows its requesters as customers.
/// </summary>
public sealed class LoyaltyTierConsumer(TicketingDbContext db) : IConsumer<LoyaltyTierChanged>
{
    private const string TierSql = """
        INSERT INTO customer_loyalty_tiers (customer_id, tier, changed_at) VALUES ({0}, {1}, {2})
        ON CONFLICT (customer_id) DO UPDATE SET tier = EXCLUDED.tier, changed_at = EXCLUDED.changed_at
        WHERE customer_loyalty_tiers.changed_at < EXCLUDED.changed_at
        """;

    public async Task Consume(ConsumeContext<LoyaltyTierChanged> context)
    {
        var changed = context.Message;
        if (changed.CustomerId is not { } customerId)
            return;
        await db.Database.ExecuteSqlRawAsync(TierSql, [customerId, changed.ToTier, changed.ChangedAt], context.CancellationToken);
    }
}
