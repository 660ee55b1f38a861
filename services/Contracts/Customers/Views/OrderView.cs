namespace CustomerPlatform.Contracts.Customers.Views;

/// <summary>An order as <c>GET /api/customers/me/orders</c> lists it (commerce.md), and as the store's PUT answers.</summary>
public sealed record OrderView(
    string OrderId,
    DateTimeOffset PlacedAt,
    string Status,
    decimal Total,
    string Currency,
    IReadOnlyList<OrderLineView> Lines,
    string? Carrier,
    string? TrackingNumber,
    DateTimeOffset EstimatedDelivery);

public sealed record OrderLineView(string Sku, string Name, string Category, int Quantity, decimal UnitPrice, int RefundedQuantity);

/// <summary><c>GET /api/customers/me</c>: the customer's profile.</summary>
public sealed record CustomerProfileView(Guid CustomerId, string Email, string DisplayName, DateTimeOffset? SignedUpAt, bool EmailVerified);

/// <summary><c>GET /api/customers/me/recommendations</c>: an item to offer, and why (commerce.md).</summary>
public sealed record RecommendationView(string Sku, string Name, string Category, string Reason);
