using System.Globalization;
using MassTransit;

namespace CustomerPlatform.Customers;

/// <summary>An order's entries on its customer's timeline (a guest's by address, until the address signs up).</summary>
internal static class OrderTimeline
{
    public static TimelineEntry Entry(Order order, DateTimeOffset at, string sourceKey, string text, DateTimeOffset now) => new()
    {
        Id = NewId.NextGuid(),
        CustomerId = order.CustomerId,
        Email = order.Email,
        At = at,
        Kind = TimelineKinds.Order,
        Source = ResourceNames.Services.Customers,
        Text = text,
        SourceKey = sourceKey,
        RecordedAt = now,
    };

    public static string Describe(Order order, OrderEventRequest change) => change.Type switch
    {
        OrderEventTypes.Paid => $"Order {order.Id} paid",
        OrderEventTypes.Shipped => $"Order {order.Id} shipped with {change.Carrier?.Trim()} ({change.TrackingNumber?.Trim()})",
        OrderEventTypes.Delivered => $"Order {order.Id} delivered",
        OrderEventTypes.Cancelled => $"Order {order.Id} cancelled",
        _ => $"Order {order.Id} refunded"
            + (change.Amount is { } amount ? $": {amount.ToString("0.00##", CultureInfo.InvariantCulture)} {order.Currency}" : "")
            + (change.Lines is { Count: > 0 } lines ? $" ({string.Join(", ", lines.Select(l => $"{l.Quantity} × {l.Sku}"))})" : ""),
    };
}
