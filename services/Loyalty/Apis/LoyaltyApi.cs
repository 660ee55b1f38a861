using System.Security.Claims;
using CustomerPlatform.Loyalty.Expiry;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.Loyalty.Programme;
using CustomerPlatform.Loyalty.Rewards;
using CustomerPlatform.Loyalty.Staff;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Loyalty;

public static class LoyaltyApi
{
    /// <summary>At most this many entries in <c>GET /api/loyalty/me/ledger</c>, the newest.</summary>
    public const int MaxEntriesListed = 200;

    public static IEndpointRouteBuilder MapLoyaltyApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/loyalty").WithTags("Loyalty");
        api.MapStatus(ResourceNames.Services.Loyalty);

        var me = api.MapGroup("me").RequireAuthorization();
        me.MapGet("", GetMeAsync).WithSummary("The caller's points: balance, pending, tier and progress to the next");
        me.MapGet("ledger", GetMyLedgerAsync).WithSummary("The caller's ledger entries, newest first");
        me.MapGet("codes", RewardsApi.GetMyCodesAsync).WithSummary("The caller's reward codes, newest first");
        me.MapPost("referrals", Referrals.ReferralsApi.ReferAsync)
            .WithSummary("Refers an address: its first order earns the caller the programme's referral points (409 when someone referred it first or it is a customer already)");
        api.MapGet("rewards", RewardsApi.GetRewardsAsync).RequireAuthorization()
            .WithSummary("The rewards catalogue, with what is left of each and whether the caller may redeem it");
        api.MapPost("rewards/{rewardId}/redeem", RewardsApi.RedeemAsync).RequireAuthorization()
            .WithSummary("Turns points into a reward's single-use code (409 when the balance is too low, the per-customer limit is reached or it is out of stock)");

        // The store's routes: a client-credentials token of the store scope, and nothing else, reaches them.
        var store = api.MapGroup("").RequireAuthorization(AuthenticationExtensions.StorePolicy);
        store.MapPost("codes/{code}/redemptions", StoreApi.RedeemCodeAsync).WithSummary("The store uses a reward code on an order (idempotent per order)");
        store.MapGet("members/{email}/benefits", StoreApi.GetBenefitsAsync).WithSummary("An address's tier, benefits and points, for the store's checkout");

        // Staff: members, their ledgers, manual adjustments and the programme's analytics (not part of commerce.md's fixed contract).
        api.MapStaffApi();
        // Admins: the programme's versions (ADR-037).
        api.MapProgrammeApi();
        api.MapLoyaltyAnalytics();
        return app;
    }

    public sealed record ExpiringPoints(long Points, DateTimeOffset ExpiresAt);

    public sealed record MemberView(
        long PointsBalance, long PendingPoints, string Tier, string? NextTier, long? PointsToNextTier, IReadOnlyList<ExpiringPoints> ExpiringSoon);

    public sealed record LedgerEntryView(Guid EntryId, string Kind, long Points, long PendingPoints, string? OrderId, string? Reason, DateTimeOffset At);

    /// <summary>
    /// The caller's balance and pending points (zero before their first order), the tier they hold (the one reached, kept until
    /// the yearly review), and the points that expire within the warning window, first in, first out (ADR-036), soonest first.
    /// </summary>
    public static async Task<Ok<MemberView>> GetMeAsync(
        ClaimsPrincipal user, LoyaltyDbContext db, ProgrammeStore programme, IOptions<ExpiryOptions> expiry, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var member = await MemberOf(db, user).FirstOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow();
        var tiers = (await programme.CurrentAsync(db, cancellationToken)).Tiers;
        var (tier, next, toNext) = TierReview.Held(tiers, member?.Tier, await TierOptions.EarnedInAYearAsync(db, member?.Id, now, cancellationToken));
        List<ExpiringPoints> expiring = [];
        if (member is { Balance: > 0 })
        {
            var settings = expiry.Value;
            var soon = now + settings.WarnBefore;
            expiring = [.. (await PointLots.ReadAsync(db, member.Id, cancellationToken))
                .Where(l => l.ExpiresAt(settings) <= soon)
                .GroupBy(l => l.ExpiresAt(settings))
                .Select(g => new ExpiringPoints(g.Sum(l => l.Remaining), g.Key))];
        }
        return TypedResults.Ok(new MemberView(member?.Balance ?? 0, member?.Pending ?? 0, tier.Name, next?.Name, toNext, expiring));
    }

    public static async Task<Results<Ok<List<LedgerEntryView>>, ValidationProblem>> GetMyLedgerAsync(
        string? limit, ClaimsPrincipal user, LoyaltyDbContext db, CancellationToken cancellationToken)
    {
        if (!TryParseLimit(limit, out var take, out var errors))
            return TypedResults.ValidationProblem(errors);
        var entries = await db.LedgerEntries
            .Where(e => MemberOf(db, user).Select(m => m.Id).Contains(e.MemberId))
            .OrderByDescending(e => e.RecordedAt).ThenByDescending(e => e.Id)
            .Take(take)
            .Select(e => new LedgerEntryView(e.Id, e.Kind, e.Points, e.PendingPoints, e.OrderId, e.Reason, e.At))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(entries);
    }

    /// <summary>
    /// A ledger listing's <c>limit</c>, parsed here rather than bound, so "limit=many" gets a 400 that names it too:
    /// 1 to <see cref="MaxEntriesListed"/>, that when absent.
    /// </summary>
    public static bool TryParseLimit(string? limit, out int take, out Dictionary<string, string[]> errors)
    {
        take = MaxEntriesListed;
        errors = [];
        if (limit is null || (int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out take)
            && take is >= 1 and <= MaxEntriesListed))
            return true;
        errors["limit"] = [$"'limit' is a whole number from 1 to {MaxEntriesListed}."];
        return false;
    }

    /// <summary>The caller's membership: the member their customer id was given by an order event.</summary>
    private static IQueryable<Member> MemberOf(LoyaltyDbContext db, ClaimsPrincipal user)
    {
        var customerId = user.GetCustomerId();
        return db.Members.Where(m => m.CustomerId == customerId);
    }
}
