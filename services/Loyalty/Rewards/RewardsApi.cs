using System.Security.Claims;
using CustomerPlatform.Loyalty.Ledger;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Loyalty.Rewards;

/// <summary>The catalogue, redeeming points for a reward's code (the member's row lock: two redemptions of the last points cannot both pass), and the caller's codes.</summary>
public static class RewardsApi
{
    public sealed record RewardView(string RewardId, string Name, string Kind, decimal Value, long Cost);

    public sealed record RedeemedView(string Code, DateTimeOffset ExpiresAt);

    public sealed record CodeView(string Code, string RewardId, string Kind, decimal Value, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt);

    public static Ok<List<RewardView>> GetRewards(IOptions<RewardOptions> options) =>
        TypedResults.Ok(options.Value.Rewards.OrderBy(r => r.Value.Cost).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new RewardView(r.Key, r.Value.Name, r.Value.Kind, r.Value.Value, r.Value.Cost)).ToList());

    /// <summary>201 with the new code; 404 for a reward not in the catalogue; 409 when the balance is below its cost (nothing written).</summary>
    public static async Task<Results<Created<RedeemedView>, NotFound, ProblemHttpResult>> RedeemAsync(
        string rewardId, ClaimsPrincipal user, LoyaltyDbContext db, LedgerEvents ledger, IOptions<RewardOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!options.Value.Rewards.TryGetValue(rewardId, out var reward))
            return TypedResults.NotFound();
        var customerId = user.GetCustomerId();
        var code = await db.InTransactionAsync(async () =>
        {
            var memberId = await db.Members.Where(m => m.CustomerId == customerId).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken);
            if (memberId is null)
                return null;
            var member = await MemberLedger.LockAsync(db, memberId.Value, cancellationToken);
            if (member.Balance < reward.Cost)
                return null;
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
                SourceKey = $"redeem:{issued.Code}", At = now, RecordedAt = now,
            }, issued, reward.Name, cancellationToken);
            return issued;
        }, cancellationToken);
        if (code is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not enough points",
                detail: $"Reward '{rewardId}' costs {reward.Cost} points, more than the balance.");
        return TypedResults.Created($"/api/loyalty/me/codes", new RedeemedView(code.Code, code.ExpiresAt));
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
