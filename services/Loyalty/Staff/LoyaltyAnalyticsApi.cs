using CustomerPlatform.Contracts.Loyalty.Views;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.Loyalty.Programme;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Loyalty.Staff;

/// <summary>
/// <c>GET /api/loyalty/staff/analytics?from=&amp;to=</c> (dates, the last 90 days by default, as the CRM's analytics): the
/// programme's figures computed by PostgreSQL from the ledger, what orders earned and the pop-up's captures when asked
/// (ADR-039). A member is an address whose customer signed up (their member is linked to the customer); a non-member is a
/// guest's address, which buys without an account.
/// </summary>
public static class LoyaltyAnalyticsApi
{
    private sealed record TierRow(int Bucket, long Members);
    private sealed record PointsRow(long Issued, long Redeemed, long Expired);
    private sealed record BuyersRow(bool Member, long Buyers, long Repeat);

    public static RouteGroupBuilder MapLoyaltyAnalytics(this RouteGroupBuilder api)
    {
        api.MapGet("staff/analytics", GetAsync).WithTags("Loyalty staff")
            .RequireAuthorization(policy => policy.RequireRole(StaffApi.Readers))
            .WithSummary("Staff: members by tier, points issued, redeemed and expired, redemption rate, members' and guests' repeat purchase rate, the pop-up's conversion");
        return api;
    }

    public static async Task<Results<Ok<LoyaltyAnalyticsView>, ValidationProblem>> GetAsync(
        string? from, string? to, LoyaltyDbContext db, ProgrammeStore programme, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ReportPeriod.Parse(from, to, time, out var errors) is not ({ } start, { } end))
            return TypedResults.ValidationProblem(errors);

        // A member's tier at the period's end: the points that count toward it (TierOptions.EarnedInAYearAsync) recorded in
        // the 12 months before, placed among the thresholds (width_bucket: 0 below the lowest, which is still the lowest tier).
        // The current programme's ladder (ADR-037): the tiers staff configure now.
        var ladder = (await programme.CurrentAsync(db, cancellationToken)).Tiers.Ladder;
        var thresholds = ladder.Select(t => t.Threshold).ToArray();
        var yearBefore = end.AddYears(-1);
        var tierRows = await db.Database.SqlQuery<TierRow>($"""
            SELECT greatest(width_bucket(coalesce(e.earned, 0), {thresholds}), 1) AS "Bucket", count(*) AS "Members"
            FROM loyalty_members m
            LEFT JOIN (
                SELECT member_id, sum(points) AS earned FROM ledger_entries
                WHERE kind IN ({LedgerKinds.Earn}, {LedgerKinds.Confirm}, {LedgerKinds.Reverse}) AND recorded_at >= {yearBefore} AND recorded_at < {end}
                GROUP BY member_id) e ON e.member_id = m.id
            WHERE m.customer_id IS NOT NULL AND m.created_at < {end}
            GROUP BY 1
            """).ToListAsync(cancellationToken);
        var byTier = ladder.Select((tier, i) => new TierMembersView(tier.Name, tierRows.Where(r => r.Bucket == i + 1).Sum(r => r.Members))).ToList();
        var guests = await db.Members.LongCountAsync(
            m => m.CustomerId == null && !m.Email.StartsWith("folded:") && m.CreatedAt < end, cancellationToken);

        // Issued: what was credited to balances (earned, confirmed, added by staff); reversals and transfers are not issuing.
        var points = await db.Database.SqlQuery<PointsRow>($"""
            SELECT coalesce(sum(points) FILTER (WHERE kind IN ({LedgerKinds.Earn}, {LedgerKinds.Confirm}) OR (kind = {LedgerKinds.Adjustment} AND points > 0)), 0)::bigint AS "Issued",
                   coalesce(-sum(points) FILTER (WHERE kind = {LedgerKinds.Redeem}), 0)::bigint AS "Redeemed",
                   coalesce(-sum(points) FILTER (WHERE kind = {LedgerKinds.Expire}), 0)::bigint AS "Expired"
            FROM ledger_entries WHERE recorded_at >= {start} AND recorded_at < {end}
            """).SingleAsync(cancellationToken);

        // Buyers: the members of the orders placed in the period, cancelled orders left out; a guest folded into a customer
        // since counts as the customer (its orders moved with it, ADR-033).
        var buyers = await db.Database.SqlQuery<BuyersRow>($"""
            SELECT m.customer_id IS NOT NULL AS "Member", count(*) AS "Buyers", count(*) FILTER (WHERE b.orders > 1) AS "Repeat"
            FROM (
                SELECT o.member_id, count(*) AS orders FROM order_earnings o
                WHERE o.placed_at >= {start} AND o.placed_at < {end}
                  AND NOT EXISTS (SELECT 1 FROM ledger_entries c WHERE c.source_key = 'order:' || o.order_id || ':cancel')
                GROUP BY o.member_id) b
            JOIN loyalty_members m ON m.id = b.member_id
            GROUP BY 1
            """).ToListAsync(cancellationToken);

        // The pop-up's conversion for the addresses captured in the period (GET …/staff/popup counts every capture ever).
        var captured = db.Captures.Where(c => c.ConsentedAt >= start && c.ConsentedAt < end);
        var captures = await captured.LongCountAsync(cancellationToken);
        var used = await captured.LongCountAsync(c => db.RewardCodes.Any(r => r.Code == c.Code && r.UsedForOrderId != null), cancellationToken);
        return TypedResults.Ok(new LoyaltyAnalyticsView(start, end, byTier, byTier.Sum(t => t.Members), guests,
            points.Issued, points.Redeemed, points.Expired, Rate(points.Redeemed, points.Issued),
            Repeat(buyers.SingleOrDefault(b => b.Member)), Repeat(buyers.SingleOrDefault(b => !b.Member)),
            new PopUpConversionView(captures, used, Rate(used, captures))));
    }

    private static RepeatPurchaseView Repeat(BuyersRow? row) =>
        row is null ? new(0, 0, 0) : new(row.Buyers, row.Repeat, Rate(row.Repeat, row.Buyers));

    private static double Rate(long part, long whole) => whole == 0 ? 0 : Math.Round(part / (double)whole, 4);
}
