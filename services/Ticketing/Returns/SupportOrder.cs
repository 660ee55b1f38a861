namespace CustomerPlatform.Ticketing.Returns;

/// <summary>One line of an order as the support desk keeps it: what was bought, at which price.</summary>
public sealed record OrderLine(string Sku, string Name, int Quantity, decimal UnitPrice);

/// <summary>
/// The support desk's copy of an order, kept from the CRM's order events (<see cref="OrderCopyConsumer"/>): enough to
/// check a return against what was bought, when it was delivered and whose it is. Events may come in any order, so
/// every column but the id may still be unknown.
/// </summary>
public sealed class SupportOrder
{
    public required string OrderId { get; init; }

    /// <summary>The customer, once the buyer's address belongs to one (a guest order gets it when the address is verified).</summary>
    public Guid? CustomerId { get; set; }

    public required string Email { get; set; }
    public string? CustomerName { get; set; }
    public string? Currency { get; set; }

    /// <summary>What the customer paid, as the store reported it (lines, shipping and discount); null until <c>OrderPlaced</c> arrived.</summary>
    public decimal? Total { get; set; }

    /// <summary>Empty until the <c>OrderPlaced</c> event arrived.</summary>
    public IReadOnlyList<OrderLine> Lines { get; set; } = [];

    /// <summary>Null until the <c>OrderPlaced</c> event arrived.</summary>
    public DateTimeOffset? PlacedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
}
