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

    public sealed class Tier
    {
        public string Name { get; set; } = "";
        public long Threshold { get; set; }
    }
}
