using System.ComponentModel.DataAnnotations;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Loyalty.Programme;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Loyalty.Ledger;

/// <summary><c>Loyalty:TierReview</c>: the yearly review of a member's stored tier comes <see cref="Grace"/> after their anniversary (ADR-036).</summary>
public sealed class TierReviewOptions
{
    public const string Section = "Loyalty:TierReview";

    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan Grace { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>
/// A member's tier goes up at once and down only once a year (ADR-036): <see cref="TierUpgrades"/> stores a tier reached
/// (<see cref="Member.Tier"/>); members see the higher of the stored tier and the one their last 12 months' points reach; and
/// this review, <see cref="TierReviewOptions.Grace"/> after each anniversary of the membership, is the only place a stored tier
/// goes down, to what the last 12 months' points reach then.
/// </summary>
public sealed class TierReview(LoyaltyDbContext db, ProgrammeStore programme, LedgerEvents ledger, IOptions<TierReviewOptions> options, TimeProvider time, ILogger<TierReview> logger)
{
    /// <summary>The tier a member holds: the higher of the stored one and the one <paramref name="earned"/> reaches; the next one, and the points it still needs.</summary>
    public static (TierOptions.Tier Tier, TierOptions.Tier? Next, long? PointsToNext) Held(TierOptions tiers, string? stored, long earned)
    {
        var (reached, next, toNext) = tiers.For(earned);
        var kept = tiers.Ladder.FirstOrDefault(t => string.Equals(t.Name, stored, StringComparison.OrdinalIgnoreCase));
        if (kept is null || kept.Threshold <= reached.Threshold)
            return (reached, next, toNext);
        var above = tiers.Ladder.FirstOrDefault(t => t.Threshold > kept.Threshold);
        return (kept, above, above is null ? null : above.Threshold - earned);
    }

    /// <summary>The first review after <paramref name="now"/>: the next anniversary of the membership, plus the grace.</summary>
    public DateTimeOffset NextReview(Member member, DateTimeOffset now)
    {
        var years = Math.Max(1, now.Year - member.CreatedAt.Year - 1);
        var review = member.CreatedAt.AddYears(years) + options.Value.Grace;
        while (review <= now)
            review = member.CreatedAt.AddYears(++years) + options.Value.Grace;
        return review;
    }

    /// <summary>Reviews the members due (a batch; <c>SKIP LOCKED</c>: another replica's are left to it); how many were reviewed.</summary>
    public async Task<int> ReviewAsync(int batch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await db.Members.Where(m => m.Tier != null && (m.TierReviewAt == null || m.TierReviewAt <= now))
            .OrderBy(m => m.TierReviewAt).Select(m => m.Id).Take(batch).ToListAsync(cancellationToken);
        var reviewed = 0;
        foreach (var memberId in due)
            reviewed += await ReviewMemberAsync(memberId, cancellationToken) ? 1 : 0;
        return reviewed;
    }

    private Task<bool> ReviewMemberAsync(Guid memberId, CancellationToken cancellationToken) => db.InTransactionAsync(async () =>
    {
        var now = time.GetUtcNow();
        var member = await db.Members.FromSql($"""
            SELECT * FROM loyalty_members
            WHERE id = {memberId} AND tier IS NOT NULL AND (tier_review_at IS NULL OR tier_review_at <= {now})
            FOR UPDATE SKIP LOCKED
            """).AsTracking().SingleOrDefaultAsync(cancellationToken);
        if (member is null)
            return false;
        // A tier stored before its first review was scheduled: schedule it, nothing more.
        if (member.TierReviewAt is not null)
        {
            var tiers = (await programme.CurrentAsync(db, cancellationToken)).Tiers;
            var (reached, _, _) = tiers.For(await TierOptions.EarnedInAYearAsync(db, member.Id, now, cancellationToken));
            var (held, _, _) = Held(tiers, member.Tier, reached.Threshold);
            // The one place a tier goes down: announced once per review (its id names the member and the review).
            if (reached.Threshold < held.Threshold)
            {
                logger.LogInformation("Member {MemberId} moves down from {Held} to {Reached} at their yearly review", member.Id, held.Name, reached.Name);
                var reviewId = NotificationIds.NameBased(ResourceNames.Services.Loyalty, $"tier-review/{member.Id:N}/{member.TierReviewAt.Value.UtcTicks}");
                await ledger.PublishTierChangeAsync(member, held, reached, reviewId, now, cancellationToken);
            }
            member.Tier = reached.Name;
        }
        member.TierReviewAt = NextReview(member, now);
        return true;
    }, cancellationToken);
}
