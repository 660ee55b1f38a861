namespace CustomerPlatform.Loyalty.Ledger;

/// <summary>
/// The tiers (<c>Loyalty:Tiers</c>): each reached by the points earned in the rolling 12 months (confirmed purchase
/// points less those reversed), the lowest first. Unset: Member from 0, Silver from 1,000, Gold from 5,000.
/// </summary>
public sealed class TierOptions
{
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

    public sealed class Tier
    {
        public string Name { get; set; } = "";
        public long Threshold { get; set; }
        public bool FreeShipping { get; set; }
        public bool EarlyAccess { get; set; }
    }
}
