using System.Security.Claims;
using CustomerPlatform.Loyalty.Ledger;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using CustomerPlatform.Loyalty.Programme;

namespace CustomerPlatform.Loyalty.Rewards;

/// <summary>
/// The catalogue of the current programme version, redeeming points for a reward's code and the caller's codes. A
/// redemption checks, under the member's row lock, the balance and the reward's per-customer limit, then takes one of its
/// stock with a conditional update of its <see cref="RewardStock"/> row (ADR-037): of many racing for the last points, the
/// last place or the last unit, exactly one wins.
/// </summary>
public static class RewardsApi
{
    /// <summary>
    /// A reward, with what is left of its stock (null: no limit), how many codes of it one customer may have (null: no
    /// limit), how many the caller has, and whether the caller may redeem it now.
    /// </summary>
    public sealed record RewardView(
        string RewardId, string Name, string Kind, decimal Value, long Cost, long? Remaining = null, int? LimitPerCustomer = null, int RedeemedByYou = 0,
        bool CanRedeem = false);

    public sealed record RedeemedView(string Code, DateTimeOffset ExpiresAt);

    public sealed record CodeView(string Code, string RewardId, string Kind, decimal Value, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt);

    /// <summary>Why a redemption was refused (a 409 saying which).</summary>
    private enum Refusal { None, NoPoints, LimitReached, OutOfStock }

    public static async Task<Ok<List<RewardView>>> GetRewardsAsync(
        ClaimsPrincipal user, LoyaltyDbContext db, ProgrammeStore programme, CancellationToken cancellationToken)
    {
        var rewards = (await programme.CurrentAsync(db, cancellationToken)).Rewards;
        var customerId = user.GetCustomerId();
        var member = await db.Members.Where(m => m.CustomerId == customerId).Select(m => new { m.Id, m.Balance }).FirstOrDefaultAsync(cancellationToken);
        var issued = await db.RewardStock.ToDictionaryAsync(s => s.RewardId, s => s.Issued, cancellationToken);
        var mine = member is null ? [] : await db.RewardCodes.Where(c => c.MemberId == member.Id).GroupBy(c => c.RewardId)
            .ToDictionaryAsync(g => g.Key, g => g.Count(), cancellationToken);
        return TypedResults.Ok(rewards.OrderBy(r => r.Value.Cost).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r =>
        {
            var (id, reward) = (r.Key, r.Value);
            long? remaining = reward.Stock is { } stock ? Math.Max(0, stock - issued.GetValueOrDefault(id)) : null;
            var redeemed = mine.GetValueOrDefault(id);
            var canRedeem = member is not null && member.Balance >= reward.Cost && remaining is null or > 0 && (reward.LimitPerCustomer is not { } limit || redeemed < limit);
            return new RewardView(id, reward.Name, reward.Kind, reward.Value, reward.Cost, remaining, reward.LimitPerCustomer, redeemed, canRedeem);
        }).ToList());
    }

    /// <summary>
    /// 201 with the new code; 404 for a reward not in the current catalogue; 409 naming why when the balance is below its
    /// cost, the caller has as many of its codes as one customer may, or its stock is gone (nothing written).
    /// </summary>
    public static async Task<Results<Created<RedeemedView>, NotFound, ProblemHttpResult>> RedeemAsync(
        string rewardId, ClaimsPrincipal user, LoyaltyDbContext db, ProgrammeStore programme, LedgerEvents ledger, TimeProvider time, CancellationToken cancellationToken)
    {
        var current = await programme.CurrentAsync(db, cancellationToken);
        if (!current.Rewards.TryGetValue(rewardId, out var reward))
            return TypedResults.NotFound();
        var customerId = user.GetCustomerId();
        var (refusal, code) = await db.InTransactionAsync<(Refusal, RewardCode?)>(async () =>
        {
            var memberId = await db.Members.Where(m => m.CustomerId == customerId).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken);
            if (memberId is null)
                return (Refusal.NoPoints, null);
            var member = await MemberLedger.LockAsync(db, memberId.Value, cancellationToken);
            if (member.Balance < reward.Cost)
                return (Refusal.NoPoints, null);
            // Under the member's lock: two redemptions of one member cannot both take its last place.
            if (reward.LimitPerCustomer is { } limit
                && await db.RewardCodes.CountAsync(c => c.MemberId == member.Id && c.RewardId == rewardId, cancellationToken) >= limit)
                return (Refusal.LimitReached, null);
            if (!await TakeOneAsync(db, rewardId, reward.Stock, cancellationToken))
                return (Refusal.OutOfStock, null);
            var now = time.GetUtcNow();
            var issued = new RewardCode
            {
                Code = RewardCode.NewCode(), MemberId = member.Id, RewardId = rewardId, Kind = reward.Kind, Value = reward.Value,
                Cost = reward.Cost, CreatedAt = now, ExpiresAt = now + reward.ValidFor,
            };
            db.RewardCodes.Add(issued);
            await ledger.AppendRedemptionAsync(db, member, new LedgerEntry
            {
                Id = NewId.NextGuid(), Kind = LedgerKinds.Redeem, Points = -reward.Cost, Reason = $"Reward {rewardId}",
                SourceKey = $"redeem:{issued.Code}", At = now, RecordedAt = now, ProgrammeVersion = current.Version,
            }, issued, reward.Name, cancellationToken);
            return (Refusal.None, issued);
        }, cancellationToken);
        return refusal switch
        {
            Refusal.None => TypedResults.Created($"/api/loyalty/me/codes", new RedeemedView(code!.Code, code.ExpiresAt)),
            Refusal.LimitReached => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Limit reached",
                detail: $"Reward '{rewardId}' gives at most {reward.LimitPerCustomer} code(s) per customer, and you have them."),
            Refusal.OutOfStock => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Out of stock",
                detail: $"Reward '{rewardId}' has none left."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not enough points",
                detail: $"Reward '{rewardId}' costs {reward.Cost} points, more than the balance."),
        };
    }

    /// <summary>
    /// Counts one more code of the reward, unless it has given <paramref name="stock"/> already: one conditional upsert of
    /// its row, which waits for a racing redemption's transaction and then checks the count it left; false when none is left.
    /// Every code is counted, stock or not, so a stock set later is measured against all the codes given.
    /// </summary>
    private static async Task<bool> TakeOneAsync(LoyaltyDbContext db, string rewardId, long? stock, CancellationToken cancellationToken)
    {
        var limit = stock ?? long.MaxValue;
        if (limit <= 0)
            return false;
        return await db.Database.ExecuteSqlAsync($"""
            INSERT INTO reward_stock (reward_id, issued) VALUES ({rewardId}, 1)
            ON CONFLICT (reward_id) DO UPDATE SET issued = reward_stock.issued + 1 WHERE reward_stock.issued < {limit}
            """, cancellationToken) == 1;
    }

    public static async Task<Ok<List<CodeView>>> GetMyCodesAsync(ClaimsPrincipal user, LoyaltyDbContext db, CancellationToken cancellationToken)
    {
        var customerId = user.GetCustomerId();
        return TypedResults.Ok(await db.RewardCodes
            .Where(c => db.Members.Where(m => m.CustomerId == customerId).Select(m => m.Id).Contains(c.MemberId))
            .OrderByDescending(c => c.CreatedAt)
            .Select(c => new CodeView(c.Code, c.RewardId, c.Kind, c.Value, c.CreatedAt, c.ExpiresAt, c.UsedAt))
            .ToListAsync(cancellationToken));
    }
}
