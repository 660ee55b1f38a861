using System.ComponentModel.DataAnnotations;
using CustomerPlatform.Loyalty.Programme;

namespace CustomerPlatform.Loyalty.Ledger;

/// <summary>
/// The tiers (<c>Loyalty:Tiers</c>): each reached by the points earned in the rolling 12 months (confirmed purchase
/// points less those reversed), the lowest first. Unset: Member from 0, Silver from 1,000, Gold from 5,000. A tier's
/// <see cref="Tier.EarningMultiplier"/> multiplies the purchase points of an order its member places while in it.
/// </summary>
public sealed class TierOptions : IValidatableObject
{
    public const int MaxTiers = 20;
    public const string Section = "Loyalty";

    public List<Tier> Tiers { get; set; } = [];

    public IReadOnlyList<Tier> Ladder => Tiers.Count > 0 ? [.. Tiers.OrderBy(t => t.Threshold)] : Defaults;

    public static readonly IReadOnlyList<Tier> Defaults =
        [new() { Name = "Member", Threshold = 0 }, new() { Name = "Silver", Threshold = 1000 }, new() { Name = "Gold", Threshold = 5000 }];

    /// <summary>The tier <paramref name="earned"/> points in 12 months reach, and the next one with the points it still needs.</summary>
    public (Tier Tier, Tier? Next, long? PointsToNext) For(long earned)
    {
        var ladder = Ladder;
        var tier = ladder.LastOrDefault(t => t.Threshold <= earned) ?? ladder[0];
        var next = ladder.FirstOrDefault(t => t.Threshold > earned);
        return (tier, next, next is null ? null : next.Threshold - earned);
    }

    /// <summary>The points a member earned in the last 12 months: confirmed purchase points (and direct earns) less those reversed.</summary>
    public static async Task<long> EarnedInAYearAsync(LoyaltyDbContext db, Guid? memberId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (memberId is null)
            return 0;
        var since = now.AddYears(-1);
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SumAsync(
            db.LedgerEntries.Where(e => e.MemberId == memberId && e.RecordedAt >= since
                && (e.Kind == LedgerKinds.Earn || e.Kind == LedgerKinds.Confirm || e.Kind == LedgerKinds.Reverse)),
            e => e.Points, cancellationToken);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => ValidateLadder(Ladder, "tiers");

    /// <summary>
    /// A ladder as given, lowest first: 1 to <see cref="MaxTiers"/> tiers, the first from 0 points, thresholds strictly
    /// ascending, names unique (ignoring case: the upgrade email's id is made of the name), each tier's own fields valid.
    /// </summary>
    public static IEnumerable<ValidationResult> ValidateLadder(IReadOnlyList<Tier?> tiers, string field)
    {
        if (tiers.Count is 0 or > MaxTiers)
            yield return new ValidationResult($"The programme has 1 to {MaxTiers} tiers.", [field]);
        for (var i = 0; i < tiers.Count; i++)
        {
            var at = $"{field}[{i}]";
            if (tiers[i] is not { } tier)
            {
                yield return new ValidationResult("A tier is required here.", [at]);
                continue;
            }
            foreach (var result in FieldErrors.Of(tier, at))
                yield return result;
            if (i == 0 && tier.Threshold != 0)
                yield return new ValidationResult("The lowest tier starts at 0 points.", [$"{at}.threshold"]);
            if (i > 0 && tiers[i - 1] is { } previous && tier.Threshold <= previous.Threshold)
                yield return new ValidationResult($"Thresholds ascend: above the previous tier's {previous.Threshold}.", [$"{at}.threshold"]);
            if (tier.Name is not null && tiers.Take(i).Any(t => string.Equals(t?.Name?.Trim(), tier.Name.Trim(), StringComparison.OrdinalIgnoreCase)))
                yield return new ValidationResult($"Tier name '{tier.Name}' is used twice.", [$"{at}.name"]);
        }
    }

    public sealed class Tier
    {
        [Required, StringLength(50, MinimumLength = 1)]
        public string Name { get; set; } = "";

        [Range(0, 1_000_000_000)]
        public long Threshold { get; set; }

        /// <summary>Multiplies the purchase points of its members' orders (with the category's multiplier); 1 by default.</summary>
        [Range(typeof(decimal), "0", "10")]
        public decimal EarningMultiplier { get; set; } = 1m;

        public bool FreeShipping { get; set; }
        public bool EarlyAccess { get; set; }
    }
}
