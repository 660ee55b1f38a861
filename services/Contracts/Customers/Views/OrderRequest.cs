namespace CustomerPlatform.Contracts.Customers.Views;

/// <summary><c>PUT /api/customers/orders/{orderId}</c>: the store's order (commerce.md).</summary>
public sealed record OrderRequest(
    string? CustomerEmail,
    string? CustomerName,
    DateTimeOffset? PlacedAt,
    string? Currency,
    IReadOnlyList<OrderLineRequest>? Lines,
    decimal? ShippingCost,
    string? DiscountCode,
    decimal? Total,
    DateTimeOffset? EstimatedDelivery);

public sealed record OrderLineRequest(string? Sku, string? Name, string? Category, int? Quantity, decimal? UnitPrice);

/// <summary><c>POST /api/customers/orders/{orderId}/events</c>: a change the store reports (commerce.md).</summary>
public sealed record OrderEventRequest(
    string? EventId,
    string? Type,
    DateTimeOffset? At,
    string? Carrier,
    string? TrackingNumber,
    IReadOnlyList<OrderLineQuantityRequest>? Lines,
    decimal? Amount);

public sealed record OrderLineQuantityRequest(string? Sku, int? Quantity);

/// <summary>The kinds of <see cref="OrderEventRequest.Type"/>, as commerce.md spells them.</summary>
public static class OrderEventTypes
{
    public const string Paid = "paid";
    public const string Shipped = "shipped";
    public const string Delivered = "delivered";
    public const string Cancelled = "cancelled";
    public const string Refunded = "refunded";

    public static readonly IReadOnlyList<string> All = [Paid, Shipped, Delivered, Cancelled, Refunded];
}

/// <summary>An order's status: placed, then what its events made it.</summary>
public static class OrderStatuses
{
    public const string Placed = "placed";
    public const string Paid = "paid";
    public const string Shipped = "shipped";
    public const string Delivered = "delivered";
    public const string Cancelled = "cancelled";
    public const string Refunded = "refunded";
    public const string PartlyRefunded = "partly-refunded";
}
