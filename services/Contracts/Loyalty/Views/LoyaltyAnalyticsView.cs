namespace CustomerPlatform.Contracts.Loyalty.Views;

/// <summary>
/// The loyalty programme over a period [<see cref="From"/>, <see cref="To"/>) (<c>GET /api/loyalty/staff/analytics</c>):
/// members by tier at the period's end, points issued, redeemed and expired in it and the redemption rate (redeemed ÷ issued),
/// the repeat purchase rate of members and of guests (non-members), and the pop-up's conversion.
/// </summary>
public sealed record LoyaltyAnalyticsView(
    DateTimeOffset From, DateTimeOffset To, IReadOnlyList<TierMembersView> MembersByTier, long Members, long GuestAddresses,
    long PointsIssued, long PointsRedeemed, long PointsExpired, double RedemptionRate,
    RepeatPurchaseView MemberBuyers, RepeatPurchaseView NonMemberBuyers, PopUpConversionView PopUp);

/// <summary>How many members a tier had at the period's end (the tiers in order, lowest first; a tier without members: 0).</summary>
public sealed record TierMembersView(string Tier, long Members);

/// <summary>Buyers with an order in the period, those with two or more, and their share (0 without buyers).</summary>
public sealed record RepeatPurchaseView(long Buyers, long RepeatBuyers, double RepeatPurchaseRate);

/// <summary>Addresses the pop-up captured in the period, how many of their codes the store has used on an order, and the share.</summary>
public sealed record PopUpConversionView(long Captures, long CodesUsed, double ConversionRate);
