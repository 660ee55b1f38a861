using System.Text.RegularExpressions;

namespace CustomerPlatform.Customers;

/// <summary>The store's bodies checked field by field: every message names its field as the JSON does (<c>lines[1].sku</c>).</summary>
internal static partial class OrderValidation
{
    public const int MaxLines = 500;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex OrderIdPattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    public static Dictionary<string, string[]>? CheckOrderId(string orderId) =>
        OrderIdPattern().IsMatch(orderId) ? null : Error("orderId", "The order id is 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'.");

    /// <summary>The order the body describes, or the field errors.</summary>
    public static (Order? Order, Dictionary<string, string[]>? Errors) Order(string orderId, OrderRequest body, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var email = body.CustomerEmail?.Trim() ?? "";
        if (!EmailAddressRules.IsAddress(email))
            errors["customerEmail"] = ["'customerEmail' must be an email address."];
        Text(errors, "customerName", body.CustomerName, 200);
        if (body.PlacedAt is null)
            errors["placedAt"] = ["'placedAt' is required: an ISO 8601 time with an offset."];
        if (body.Currency is null || !CurrencyPattern().IsMatch(body.Currency))
            errors["currency"] = ["'currency' must be an ISO 4217 code in capitals, e.g. EUR."];
        if (body.Lines is not { Count: > 0 and <= MaxLines })
            errors["lines"] = [$"'lines' must hold from 1 to {MaxLines} lines."];
        else
        {
            for (var i = 0; i < body.Lines.Count; i++)
            {
                var line = body.Lines[i];
                var field = $"lines[{i}]";
                if (line is null)
                {
                    errors[field] = [$"'{field}' must be a line."];
                    continue;
                }
                Text(errors, field + ".sku", line.Sku, 64);
                Text(errors, field + ".name", line.Name, 200);
                Text(errors, field + ".category", line.Category, 100);
                if (line.Quantity is not (>= 1 and <= 100_000))
                    errors[field + ".quantity"] = [$"'{field}.quantity' must be a whole number from 1 to 100000."];
                Amount(errors, field + ".unitPrice", line.UnitPrice);
            }
            var skus = body.Lines.Where(l => l?.Sku is not null).GroupBy(l => l!.Sku!.Trim()).FirstOrDefault(g => g.Count() > 1);
            if (skus is not null)
                errors["lines"] = [$"SKU '{skus.Key}' is on more than one line: one line per SKU."];
        }
        Amount(errors, "shippingCost", body.ShippingCost);
        Amount(errors, "total", body.Total);
        if (body.DiscountCode is { } code && (code.Trim().Length is 0 or > 64))
            errors["discountCode"] = ["'discountCode' is at most 64 characters, or left out."];
        if (body.EstimatedDelivery is null)
            errors["estimatedDelivery"] = ["'estimatedDelivery' is required: an ISO 8601 time with an offset."];
        if (errors.Count > 0)
            return (null, errors);

        return (new Order
        {
            Id = orderId,
            Email = CustomerProfile.Normalize(email),
            CustomerName = body.CustomerName!.Trim(),
            PlacedAt = body.PlacedAt!.Value.ToUniversalTime(), // PostgreSQL keeps instants: times are stored, and answered, in UTC
            Currency = body.Currency!,
            Lines = [.. body.Lines!.Select(l => new OrderLine(l.Sku!.Trim(), l.Name!.Trim(), l.Category!.Trim(), l.Quantity!.Value, l.UnitPrice!.Value))],
            ShippingCost = body.ShippingCost!.Value,
            DiscountCode = body.DiscountCode?.Trim(),
            Total = body.Total!.Value,
            EstimatedDelivery = body.EstimatedDelivery!.Value.ToUniversalTime(),
            ReceivedAt = now,
            UpdatedAt = now,
        }, null);
    }

    /// <summary>The event's own fields; what depends on the order (a refund's lines and amount) is checked against it later.</summary>
    public static Dictionary<string, string[]>? Event(OrderEventRequest body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Text(errors, "eventId", body.EventId, 100);
        if (body.Type is null || !OrderEventTypes.All.Contains(body.Type))
            errors["type"] = [$"'type' must be one of: {string.Join(", ", OrderEventTypes.All)}."];
        if (body.At is null)
            errors["at"] = ["'at' is required: an ISO 8601 time with an offset."];
        if (body.Type == OrderEventTypes.Shipped)
        {
            Text(errors, "carrier", body.Carrier, 100);
            Text(errors, "trackingNumber", body.TrackingNumber, 100);
        }
        if (body.Lines is { } lines)
        {
            if (body.Type != OrderEventTypes.Refunded)
                errors["lines"] = ["'lines' belongs to a refund only."];
            else if (lines.Count is 0 or > MaxLines)
                errors["lines"] = [$"'lines' holds from 1 to {MaxLines} lines, or is left out for a refund of the whole order."];
            else
            {
                for (var i = 0; i < lines.Count; i++)
                {
                    Text(errors, $"lines[{i}].sku", lines[i]?.Sku, 64);
                    if (lines[i]?.Quantity is not (>= 1 and <= 100_000))
                        errors[$"lines[{i}].quantity"] = [$"'lines[{i}].quantity' must be a whole number from 1 to 100000."];
                }
            }
        }
        if (body.Amount is not null)
        {
            if (body.Type != OrderEventTypes.Refunded)
                errors["amount"] = ["'amount' belongs to a refund only."];
            else
                Amount(errors, "amount", body.Amount);
        }
        return errors.Count > 0 ? errors : null;
    }

    public static Dictionary<string, string[]> Error(string field, string message) => new(StringComparer.Ordinal) { [field] = [message] };

    private static void Text(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Length > max)
            errors[field] = [$"'{field}' is required, at most {max} characters."];
    }

    private static void Amount(Dictionary<string, string[]> errors, string field, decimal? value)
    {
        if (value is not { } amount || amount < 0 || amount > 1_000_000_000m || decimal.Round(amount, 4) != amount)
            errors[field] = [$"'{field}' is required: an amount from 0 with at most 4 decimals."];
    }
}
