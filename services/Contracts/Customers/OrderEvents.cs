namespace CustomerPlatform.Contracts.Customers;

/// <summary>One line of an order as the events carry it.</summary>
public record OrderLineItem
{
    public required string Sku { get; init; }
    public required string Name { get; init; }
    public required string Category { get; init; }
    public required int Quantity { get; init; }
    public required decimal UnitPrice { get; init; }
}

/// <summary>A quantity of one SKU (a refund by line).</summary>
public record OrderLineQuantity
{
    public required string Sku { get; init; }
    public required int Quantity { get; init; }
}

/// <summary>
/// What every order event says about its order: the store's id, the buyer's address and, once that address
/// belongs to a customer, the customer (a guest order has none until the address signs up).
/// </summary>
public abstract record OrderEvent
{
    public required string OrderId { get; init; }
    public required string Email { get; init; }
    public Guid? CustomerId { get; init; }
    public required DateTimeOffset At { get; init; }
}

/// <summary>The store reported a new order (published once, however often the store sends it).</summary>
public record OrderPlaced : OrderEvent
{
    public required string CustomerName { get; init; }
    public required string Currency { get; init; }
    public required IReadOnlyList<OrderLineItem> Lines { get; init; }
    public required decimal ShippingCost { get; init; }
    public string? DiscountCode { get; init; }
    public required decimal Total { get; init; }
    public required DateTimeOffset EstimatedDelivery { get; init; }
}

public record OrderShipped : OrderEvent
{
    public required string Carrier { get; init; }
    public required string TrackingNumber { get; init; }
}

public record OrderDelivered : OrderEvent;

public record OrderCancelled : OrderEvent;

/// <summary>A refund: of the lines named, or of <see cref="Amount"/>; <see cref="Whole"/> when the whole order is now refunded.</summary>
public record OrderRefunded : OrderEvent
{
    public required IReadOnlyList<OrderLineQuantity> Lines { get; init; }
    public required decimal Amount { get; init; }
    public required string Currency { get; init; }
    public required bool Whole { get; init; }

    /// <summary>The store's id of the refund event (one order may be refunded several times at the same moment); null from older publishers.</summary>
    public string? EventId { get; init; }
}
