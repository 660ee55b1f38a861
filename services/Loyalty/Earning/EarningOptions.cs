using System.ComponentModel.DataAnnotations;
using CustomerPlatform.Loyalty.Programme;

namespace CustomerPlatform.Loyalty.Earning;

/// <summary>
/// Purchase points (<c>Loyalty:Earning</c>): <see cref="PointsPerUnit"/> per unit of a line's spend (quantity × unit price,
/// shipping left out) times its category's multiplier, rounded down per line; pending until <see cref="ConfirmAfter"/>
/// after the order was placed (its return window), then confirmed. Lifecycle points (ADR-033): <see cref="Onboarding"/>,
/// <see cref="Training"/>, <see cref="Survey"/> and <see cref="TicketRating"/>, each confirmed at once and limited per
/// customer and period.
/// </summary>
public sealed class EarningOptions : IValidatableObject
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

    /// <summary>
    /// A line's points: its spend × points per unit × its category's multiplier × the member's tier's
    /// <paramref name="tierMultiplier"/>, rounded down once (so 1.5 × 1.5 is 2.25, not 2), never below zero.
    /// </summary>
    public long PointsFor(string category, int quantity, decimal unitPrice, decimal tierMultiplier = 1m) =>
        Math.Max(0, (long)decimal.Floor(quantity * unitPrice * PointsPerUnit * MultiplierOf(category) * tierMultiplier));

    /// <summary>Onboarding completed: once ever.</summary>
    public LifecycleRule Onboarding { get; set; } = new() { Points = 200, Limit = 1 };

    /// <summary>A course passed: more points for a higher score.</summary>
    public TrainingRule Training { get; set; } = new() { Points = 100, Limit = 10, Period = TimeSpan.FromDays(365) };

    /// <summary>The follow-up survey answered.</summary>
    public LifecycleRule Survey { get; set; } = new() { Points = 50, Limit = 1, Period = TimeSpan.FromDays(90) };

    /// <summary>What a member earns (confirmed, once per address) when an address they referred places its first order; 0: referrals earn nothing.</summary>
    [Range(0, 100_000)]
    public long ReferralPoints { get; set; } = 100;

    /// <summary>A solved ticket rated.</summary>
    public LifecycleRule TicketRating { get; set; } = new() { Points = 10, Limit = 3, Period = TimeSpan.FromDays(30) };

    /// <summary>The highest category multiplier: a typo (×1000) must not mint points.</summary>
    public const decimal MaxMultiplier = 100m;

    /// <summary>The category column's length.</summary>
    public const int MaxCategoryLength = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CategoryMultipliers is null)
        {
            // A saved programme's JSON may say null; configuration never does.
            yield return new ValidationResult("Category multipliers are required: {} for none.", ["categoryMultipliers"]);
            yield break;
        }
        foreach (var (category, multiplier) in CategoryMultipliers)
        {
            var field = $"categoryMultipliers.{category}";
            if (string.IsNullOrWhiteSpace(category) || category.Length > MaxCategoryLength)
                yield return new ValidationResult($"A category is 1 to {MaxCategoryLength} characters.", [field]);
            else if (CategoryMultipliers.Keys.Count(k => string.Equals(k, category, StringComparison.OrdinalIgnoreCase)) > 1)
                yield return new ValidationResult($"Category '{category}' is named twice (categories match ignoring case).", [field]);
            if (multiplier is < 0 or > MaxMultiplier)
                yield return new ValidationResult($"A category's multiplier is from 0 to {MaxMultiplier}.", [field]);
        }
        foreach (var (name, rule) in new (string, LifecycleRule?)[] { ("onboarding", Onboarding), ("training", Training), ("survey", Survey), ("ticketRating", TicketRating) })
        {
            if (rule is null)
                yield return new ValidationResult($"'{name}' is required.", [name]);
            else
                foreach (var result in FieldErrors.Of(rule, name))
                    yield return result;
        }
    }
}

/// <summary>
/// What a lifecycle event earns: <see cref="Points"/> confirmed points, at most <see cref="Limit"/> times per customer in
/// any <see cref="Period"/> (counted back from the event's time; unset: ever).
/// </summary>
public class LifecycleRule
{
    [Range(0, 100_000)]
    public long Points { get; set; }

    [Range(1, 10_000)]
    public int Limit { get; set; } = 1;

    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan? Period { get; set; }
}

/// <summary>
/// A course passed: <see cref="LifecycleRule.Points"/> plus <see cref="PointsPerPercentAbovePass"/> for each whole percent
/// the score is above <see cref="PassMark"/> (Training's default pass mark; the event does not carry the quiz's own).
/// </summary>
public sealed class TrainingRule : LifecycleRule
{
    [Range(typeof(decimal), "0", "100")]
    public decimal PassMark { get; set; } = 80m;

    [Range(0, 10_000)]
    public long PointsPerPercentAbovePass { get; set; } = 5;

    /// <summary>The points a score (in percent) earns: never fewer than <see cref="LifecycleRule.Points"/>.</summary>
    public long PointsFor(decimal score) =>
        Points + PointsPerPercentAbovePass * (long)decimal.Floor(Math.Max(0m, Math.Min(score, 100m) - PassMark));
}
