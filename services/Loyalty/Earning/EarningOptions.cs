using System.ComponentModel.DataAnnotations;

namespace CustomerPlatform.Loyalty.Earning;

/// <summary>
/// Purchase points (<c>Loyalty:Earning</c>): <see cref="PointsPerUnit"/> per unit of a line's spend (quantity × unit price,
/// shipping left out) times its category's multiplier, rounded down per line; pending until <see cref="ConfirmAfter"/>
/// after the order was placed (its return window), then confirmed.
/// </summary>
public sealed class EarningOptions
{
    public const string Section = "Loyalty:Earning";

    [Range(typeof(decimal), "0", "1000")]
    public decimal PointsPerUnit { get; set; } = 1m;

    /// <summary>A category's multiplier (e.g. <c>"books": 2</c>, <c>"gift-cards": 0</c> earns nothing); a category not named earns ×1. Matched ignoring case.</summary>
    public Dictionary<string, decimal> CategoryMultipliers { get; set; } = [];

    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan ConfirmAfter { get; set; } = TimeSpan.FromDays(30);

    public decimal MultiplierOf(string category) =>
        CategoryMultipliers.Where(m => string.Equals(m.Key, category, StringComparison.OrdinalIgnoreCase)).Select(m => (decimal?)m.Value).FirstOrDefault() is { } multiplier
            ? multiplier
            : 1m;

    /// <summary>A line's points: its spend × points per unit × its category's multiplier, rounded down, never below zero.</summary>
    public long PointsFor(string category, int quantity, decimal unitPrice) =>
        Math.Max(0, (long)decimal.Floor(quantity * unitPrice * PointsPerUnit * MultiplierOf(category)));
}
