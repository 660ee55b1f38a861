using CustomerPlatform.Contracts.Customers;
using CustomerPlatform.Contracts.Ticketing;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Returns;

/// <summary>
/// Keeps <see cref="SupportOrder"/> from the CRM's order events, each one statement that a repeated or early event
/// cannot undo (the first placement, delivery and cancellation win), and completes returns when the store refunds.
/// </summary>
public sealed class OrderCopyConsumer(TicketingDbContext db, ILogger<OrderCopyConsumer> logger) :
    IConsumer<OrderPlaced>, IConsumer<OrderDelivered>, IConsumer<OrderCancelled>, IConsumer<OrderRefunded>
{
    private const string PlacedSql = """
        INSERT INTO support_orders (order_id, customer_id, email, customer_name, currency, lines, placed_at, total)
        VALUES ({0}, {1}, {2}, {3}, {4}, {5}::jsonb, {6}, {7})
        ON CONFLICT (order_id) DO UPDATE SET
            customer_id = COALESCE(support_orders.customer_id, EXCLUDED.customer_id), customer_name = EXCLUDED.customer_name,
            currency = EXCLUDED.currency, lines = EXCLUDED.lines, placed_at = EXCLUDED.placed_at, total = EXCLUDED.total
        WHERE support_orders.placed_at IS NULL
        """;

    /// <summary>Sets the order's <paramref name="column"/> (a time) unless already set; the row may not exist yet.</summary>
    private static string StampSql(string column) => $$"""
        INSERT INTO support_orders (order_id, customer_id, email, {{column}}) VALUES ({0}, {1}, {2}, {3})
        ON CONFLICT (order_id) DO UPDATE SET
            customer_id = COALESCE(support_orders.customer_id, EXCLUDED.customer_id),
            {{column}} = COALESCE(support_orders.{{column}}, EXCLUDED.{{column}})
        """;

    private static readonly string DeliveredSql = StampSql("delivered_at"), CancelledSql = StampSql("cancelled_at");

    public async Task Consume(ConsumeContext<OrderPlaced> context)
    {
        var placed = context.Message;
        var lines = placed.Lines.Select(l => new OrderLine(l.Sku, l.Name, l.Quantity, l.UnitPrice)).ToList();
        await db.Database.ExecuteSqlRawAsync(PlacedSql,
            [placed.OrderId, Nullable(placed.CustomerId), Address(placed.Email), placed.CustomerName, placed.Currency,
             System.Text.Json.JsonSerializer.Serialize(lines, JsonColumn.Options), placed.At, placed.Total],
            context.CancellationToken);
    }

    public Task Consume(ConsumeContext<OrderDelivered> context) => StampAsync(context.Message, DeliveredSql, context.CancellationToken);

    public Task Consume(ConsumeContext<OrderCancelled> context) => StampAsync(context.Message, CancelledSql, context.CancellationToken);

    /// <summary>
    /// The store's refund completes the returns it covers, oldest first: all of the order's approved or received
    /// returns when the whole order is refunded, else each whose lines the refund's lines still cover (a refund by
    /// amount only: each whose value it still covers).
    /// </summary>
    public async Task Consume(ConsumeContext<OrderRefunded> context)
    {
        var refund = context.Message;
        var open = await db.Returns
            .FromSqlRaw("SELECT * FROM returns WHERE order_id = {0} AND status IN ('approved', 'received') ORDER BY requested_at, id FOR UPDATE", refund.OrderId)
            .ToListAsync(context.CancellationToken);
        var quantities = refund.Lines.GroupBy(l => l.Sku).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        var amount = refund.Amount;
        foreach (var productReturn in open)
        {
            var covered = refund.Whole
                || (quantities.Count > 0
                    ? productReturn.Lines.All(l => quantities.GetValueOrDefault(l.Sku) >= l.Quantity)
                    : productReturn.Value <= amount);
            if (!covered || !productReturn.Refund(refund.At))
                continue;
            foreach (var line in productReturn.Lines)
                quantities[line.Sku] = quantities.GetValueOrDefault(line.Sku) - line.Quantity;
            amount -= productReturn.Value;
            await context.Publish(new ReturnRefunded { Return = productReturn.Details(), At = refund.At }, context.CancellationToken);
            logger.LogInformation("Return {ReturnNumber} of order {OrderId} refunded", productReturn.ReturnNumber, refund.OrderId);
        }
        await db.SaveChangesAsync(context.CancellationToken);
    }

    private Task StampAsync(OrderEvent order, string sql, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(sql, [order.OrderId, Nullable(order.CustomerId), Address(order.Email), order.At], cancellationToken);

    private static object Nullable(Guid? id) => id is { } value ? value : DBNull.Value;

    private static string Address(string email) => email.Trim().ToLowerInvariant();
}
