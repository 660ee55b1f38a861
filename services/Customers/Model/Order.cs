namespace CustomerPlatform.Customers;

/// <summary>
/// An order as the business's store reported it, by the store's own id, and what its events made of it.
/// The address links it to a customer (<see cref="CustomerId"/>), at once or when the address signs up.
/// </summary>
public sealed class Order
{
    public required string Id { get; init; }
    public Guid? CustomerId { get; set; }
    /// <summary>Trimmed and lower-cased: the key an order is linked to its customer by.</summary>
    public required string Email { get; set; }
    public required string CustomerName { get; set; }
    public required DateTimeOffset PlacedAt { get; set; }
    public required string Currency { get; set; }
    public required IReadOnlyList<OrderLine> Lines { get; set; }
    public required decimal ShippingCost { get; set; }
    public string? DiscountCode { get; set; }
    public required decimal Total { get; set; }
    public required DateTimeOffset EstimatedDelivery { get; set; }

    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? ShippedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public string? Carrier { get; set; }
    public string? TrackingNumber { get; set; }
    public decimal RefundedAmount { get; set; }

    public required DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Where the order stands, from what happened to it rather than from the order its events arrived in:
    /// a refund of everything, else a cancellation, else the furthest of delivered, shipped, paid, placed.
    /// </summary>
    public string Status =>
        RefundedAmount > 0 && RefundedAmount >= Total ? OrderStatuses.Refunded
        : CancelledAt is not null ? OrderStatuses.Cancelled
        : DeliveredAt is not null ? OrderStatuses.Delivered
        : ShippedAt is not null ? OrderStatuses.Shipped
        : PaidAt is not null ? OrderStatuses.Paid
        : OrderStatuses.Placed;

    /// <summary>Whether the store's order says the same as this one (a repeat of the same PUT changes nothing).</summary>
    public bool SameAs(Order other) =>
        Email == other.Email && CustomerName == other.CustomerName && PlacedAt == other.PlacedAt && Currency == other.Currency
        && ShippingCost == other.ShippingCost && DiscountCode == other.DiscountCode && Total == other.Total
        && EstimatedDelivery == other.EstimatedDelivery
        && Lines.Select(l => l with { RefundedQuantity = 0 }).SequenceEqual(other.Lines.Select(l => l with { RefundedQuantity = 0 }));

    /// <summary>Takes the store's corrected fields; refunds already made stay with their SKUs.</summary>
    public void Update(Order corrected, DateTimeOffset now)
    {
        if (Email != corrected.Email)
            CustomerId = null; // linked again by the new address
        Email = corrected.Email;
        CustomerName = corrected.CustomerName;
        PlacedAt = corrected.PlacedAt;
        Currency = corrected.Currency;
        Lines = [.. corrected.Lines.Select(l => l with
        {
            RefundedQuantity = Math.Min(l.Quantity, Lines.FirstOrDefault(old => old.Sku == l.Sku)?.RefundedQuantity ?? 0),
        })];
        ShippingCost = corrected.ShippingCost;
        DiscountCode = corrected.DiscountCode;
        Total = corrected.Total;
        EstimatedDelivery = corrected.EstimatedDelivery;
        UpdatedAt = now;
    }

    public OrderView ToView() => new(
        Id, PlacedAt, Status, Total, Currency,
        [.. Lines.Select(l => new OrderLineView(l.Sku, l.Name, l.Category, l.Quantity, l.UnitPrice, l.RefundedQuantity))],
        Carrier, TrackingNumber, EstimatedDelivery);
}

/// <summary>One line of an order; <see cref="RefundedQuantity"/> grows with refunds by line.</summary>
public sealed record OrderLine(string Sku, string Name, string Category, int Quantity, decimal UnitPrice, int RefundedQuantity = 0)
{
    public int RefundableQuantity => Quantity - RefundedQuantity;
}

/// <summary>An event the store reported for an order, kept by its id so that the same event twice changes nothing.</summary>
public sealed class ReceivedOrderEvent
{
    public required string OrderId { get; init; }
    public required string EventId { get; init; }
    public required string Type { get; init; }
    public required DateTimeOffset At { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
}
