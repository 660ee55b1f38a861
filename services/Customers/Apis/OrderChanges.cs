namespace CustomerPlatform.Customers;

/// <summary>
/// What one store event does to its order, whatever order the events arrive in: each lifecycle time is the
/// first reported, and an event published for Notifications and the other services only when it still
/// means something (a shipment reported after the delivery or the cancellation is recorded, not announced).
/// </summary>
internal static class OrderChanges
{
    public sealed record Change(OrderEvent? Event, Dictionary<string, string[]>? Errors);

    public static Change Apply(Order order, OrderEventRequest body, DateTimeOffset now)
    {
        var at = body.At!.Value.ToUniversalTime();
        switch (body.Type)
        {
            case OrderEventTypes.Paid:
                order.PaidAt = Earliest(order.PaidAt, at);
                return new(null, null);

            case OrderEventTypes.Shipped:
                var announce = order.DeliveredAt is null && order.CancelledAt is null && order.ShippedAt is null;
                if (order.ShippedAt is null || at >= order.ShippedAt)
                {
                    order.Carrier = body.Carrier!.Trim();
                    order.TrackingNumber = body.TrackingNumber!.Trim();
                }
                order.ShippedAt = Earliest(order.ShippedAt, at);
                return new(announce ? new OrderShipped
                {
                    OrderId = order.Id, Email = order.Email, CustomerId = order.CustomerId, At = at,
                    Carrier = order.Carrier!, TrackingNumber = order.TrackingNumber!,
                } : null, null);

            case OrderEventTypes.Delivered:
                var firstDelivery = order.DeliveredAt is null && order.CancelledAt is null;
                order.DeliveredAt = Earliest(order.DeliveredAt, at);
                return new(firstDelivery ? new OrderDelivered { OrderId = order.Id, Email = order.Email, CustomerId = order.CustomerId, At = at } : null, null);

            case OrderEventTypes.Cancelled:
                var firstCancellation = order.CancelledAt is null;
                order.CancelledAt = Earliest(order.CancelledAt, at);
                return new(firstCancellation ? new OrderCancelled { OrderId = order.Id, Email = order.Email, CustomerId = order.CustomerId, At = at } : null, null);

            default:
                return Refund(order, body, at);
        }
    }

    /// <summary>A refund of the lines named (their price unless an amount is given), of an amount, or of everything left.</summary>
    private static Change Refund(Order order, OrderEventRequest body, DateTimeOffset at)
    {
        var remaining = order.Total - order.RefundedAmount;
        var lines = order.Lines.ToList();
        var refunded = new List<OrderLineQuantity>();
        decimal byLines = 0;
        if (body.Lines is { } named)
        {
            for (var i = 0; i < named.Count; i++)
            {
                var sku = named[i].Sku!.Trim();
                var index = lines.FindIndex(l => l.Sku == sku);
                if (index < 0)
                    return new(null, OrderValidation.Error($"lines[{i}].sku", $"The order has no line with SKU '{sku}'."));
                var quantity = named[i].Quantity!.Value;
                if (quantity > lines[index].RefundableQuantity)
                    return new(null, OrderValidation.Error($"lines[{i}].quantity", $"Only {lines[index].RefundableQuantity} of '{sku}' are left to refund."));
                lines[index] = lines[index] with { RefundedQuantity = lines[index].RefundedQuantity + quantity };
                byLines += lines[index].UnitPrice * quantity;
                refunded.Add(new OrderLineQuantity { Sku = sku, Quantity = quantity });
            }
        }
        else if (body.Amount is null)
        {
            // The whole order, or what is left of it.
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i].RefundableQuantity > 0)
                    refunded.Add(new OrderLineQuantity { Sku = lines[i].Sku, Quantity = lines[i].RefundableQuantity });
                lines[i] = lines[i] with { RefundedQuantity = lines[i].Quantity };
            }
            byLines = remaining;
        }

        var amount = body.Amount ?? Math.Min(byLines, remaining);
        if (amount > remaining)
            return new(null, OrderValidation.Error("amount", $"Only {remaining} {order.Currency} of the order is left to refund."));

        order.Lines = lines;
        order.RefundedAmount += amount;
        return new(new OrderRefunded
        {
            OrderId = order.Id, Email = order.Email, CustomerId = order.CustomerId, At = at,
            Lines = refunded, Amount = amount, Currency = order.Currency, Whole = order.RefundedAmount >= order.Total,
            EventId = body.EventId!.Trim(),
        }, null);
    }

    private static DateTimeOffset Earliest(DateTimeOffset? known, DateTimeOffset at) => known is { } k && k <= at ? k : at;
}
