using System.Globalization;

namespace CustomerPlatform.Ticketing.Returns;

/// <summary>One line a customer asks to return.</summary>
public sealed record ReturnLineRequest(string? Sku, int? Quantity);

/// <summary>
/// Checks a return against the order and the policy, without touching the database: the order is delivered and inside
/// the window, every line is of the order, and no SKU is returned more often than it was bought minus what earlier
/// returns (not refused) already took. Each problem names its field: <c>orderId</c>, <c>lines</c>,
/// <c>lines[i].sku</c>, <c>lines[i].quantity</c>.
/// </summary>
public static class ReturnPolicy
{
    public const int MaxLines = 100;

    /// <summary>The lines to return at the prices paid, or null with <paramref name="errors"/> filled in.</summary>
    public static List<OrderLine>? Check(
        SupportOrder order, IReadOnlyList<ReturnLineRequest>? lines, IEnumerable<OrderLine> alreadyReturned,
        int windowDays, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        if (order.CancelledAt is not null)
            errors["orderId"] = [$"Order {order.OrderId} was cancelled: there is nothing to return."];
        else if (order.DeliveredAt is not { } delivered || order.PlacedAt is null)
            errors["orderId"] = [$"Order {order.OrderId} has not been delivered yet: a return can be asked for once it has arrived."];
        else if (now > delivered.AddDays(windowDays))
            errors["orderId"] = [$"The return window of {windowDays} days for order {order.OrderId} closed on {delivered.AddDays(windowDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}."];
        if (lines is null || lines.Count == 0)
        {
            errors["lines"] = ["'lines' is required: at least one {sku, quantity} of the order."];
            return null;
        }
        if (lines.Count > MaxLines)
        {
            errors["lines"] = [$"At most {MaxLines} lines."];
            return null;
        }
        if (errors.Count > 0)
            return null;

        var bought = order.Lines.GroupBy(l => l.Sku, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First() with { Quantity = g.Sum(l => l.Quantity) }, StringComparer.Ordinal);
        var left = bought.ToDictionary(p => p.Key, p => p.Value.Quantity, StringComparer.Ordinal);
        foreach (var earlier in alreadyReturned)
            if (left.ContainsKey(earlier.Sku))
                left[earlier.Sku] -= earlier.Quantity;

        var result = new List<OrderLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            var (sku, quantity) = (lines[i].Sku?.Trim(), lines[i].Quantity);
            if (string.IsNullOrEmpty(sku) || !bought.TryGetValue(sku, out var line))
            {
                errors[$"lines[{i}].sku"] = [$"'{sku}' is not a line of order {order.OrderId}."];
                continue;
            }
            if (result.Any(r => r.Sku == sku))
            {
                errors[$"lines[{i}].sku"] = [$"'{sku}' is named twice: give each SKU once with its whole quantity."];
                continue;
            }
            if (quantity is not > 0)
                errors[$"lines[{i}].quantity"] = ["'quantity' must be a whole number of at least 1."];
            else if (quantity > left[sku])
                errors[$"lines[{i}].quantity"] = [left[sku] <= 0
                    ? $"All {line.Quantity} of '{sku}' are already being returned."
                    : $"At most {left[sku]} of '{sku}' can be returned: {line.Quantity} bought, {line.Quantity - left[sku]} already returned."];
            else
                result.Add(line with { Quantity = quantity.Value });
        }
        return errors.Count > 0 ? null : result;
    }

    /// <summary>
    /// Whether the policy approves the return itself: small enough, and the customer has not returned much lately
    /// (<paramref name="recentReturns"/>: their returns, not refused, in the review window).
    /// </summary>
    public static bool NeedsReview(decimal value, int recentReturns, ReturnsOptions options) =>
        value > options.AutoApproveUpTo || recentReturns >= options.ReviewAfterReturns;

    public static decimal ValueOf(IEnumerable<OrderLine> lines) => lines.Sum(l => l.Quantity * l.UnitPrice);
}
