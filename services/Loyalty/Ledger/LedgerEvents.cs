using CustomerPlatform.Contracts.Loyalty;
using CustomerPlatform.Loyalty.Programme;
using CustomerPlatform.Loyalty.Rewards;
using MassTransit;

namespace CustomerPlatform.Loyalty.Ledger;

/// <summary>
/// Appends to the ledger (<see cref="MemberLedger.AppendAsync"/>) and announces what the entry did to the other services
/// (ADR-039): <see cref="LoyaltyPointsEarned"/> for an entry that adds points, <see cref="LoyaltyRewardRedeemed"/> for a
/// redemption, <see cref="LoyaltyTierChanged"/> when an entry that counts toward the tier moved the member across a
/// threshold. Published in the caller's transaction (the consumer outbox in a consumer, the bus outbox in a request) and only
/// when the entry was appended, so a redelivered or republished cause announces nothing more.
/// </summary>
public sealed class LedgerEvents(IPublishEndpoint publisher, ProgrammeStore programme)
{
    /// <summary>Whether an entry of <paramref name="kind"/> adding <paramref name="points"/> (and <paramref name="pending"/>) is announced as earned.</summary>
    public static bool IsEarning(string kind, long points, long pending) => kind switch
    {
        LedgerKinds.Earn or LedgerKinds.Confirm or LedgerKinds.Adjustment => points > 0,
        LedgerKinds.PendingEarn => pending > 0,
        _ => false,
    };

    /// <summary>Appends <paramref name="entry"/> to the locked <paramref name="member"/>'s ledger and announces it; false (and nothing published) when its source key was there.</summary>
    public async Task<bool> AppendAsync(LoyaltyDbContext db, Member member, LedgerEntry entry, CancellationToken cancellationToken) =>
        (await AppendForTierAsync(db, member, entry, cancellationToken)).Appended;

    /// <summary>
    /// <see cref="AppendAsync"/>, and the tier the entry raised the member to (null when none): worked out once, for the
    /// event here and for <see cref="TierUpgrades"/>'s email.
    /// </summary>
    public async Task<(bool Appended, TierOptions.Tier? RaisedTo)> AppendForTierAsync(
        LoyaltyDbContext db, Member member, LedgerEntry entry, CancellationToken cancellationToken)
    {
        if (!await MemberLedger.AppendAsync(db, member, entry, cancellationToken))
            return (false, null);
        if (IsEarning(entry.Kind, entry.Points, entry.PendingPoints))
            await publisher.Publish(new LoyaltyPointsEarned
            {
                MemberId = member.Id, CustomerId = member.CustomerId, Email = member.Email, EntryId = entry.Id, Kind = entry.Kind,
                Points = entry.Points, PendingPoints = entry.PendingPoints, OrderId = entry.OrderId, Reason = entry.Reason,
                PointsBalance = member.Balance, EarnedAt = entry.At,
            }, cancellationToken);
        return (true, await TierRaisedAsync(db, member, entry, cancellationToken));
    }

    /// <summary>Appends a redemption's entry for <paramref name="code"/> and announces it without the code; false when it was there.</summary>
    public async Task<bool> AppendRedemptionAsync(
        LoyaltyDbContext db, Member member, LedgerEntry entry, RewardCode code, string rewardName, CancellationToken cancellationToken)
    {
        if (!await MemberLedger.AppendAsync(db, member, entry, cancellationToken))
            return false;
        await publisher.Publish(new LoyaltyRewardRedeemed
        {
            MemberId = member.Id, CustomerId = member.CustomerId, Email = member.Email, EntryId = entry.Id, RewardId = code.RewardId,
            RewardName = rewardName, Cost = code.Cost, CodeExpiresAt = code.ExpiresAt, PointsBalance = member.Balance, RedeemedAt = entry.At,
        }, cancellationToken);
        return true;
    }

    /// <summary>
    /// The tier the member holds (<see cref="TierReview.Held"/>: the stored tier or the one the last 12 months' points reach,
    /// the higher) before and after the entry, which is in the sum already, under the member's lock; a different one is
    /// announced at the entry's recording time. A held tier goes down only at the yearly review, which announces it itself.
    /// </summary>
    private async Task<TierOptions.Tier?> TierRaisedAsync(LoyaltyDbContext db, Member member, LedgerEntry entry, CancellationToken cancellationToken)
    {
        if (!TierUpgrades.CountsTowardTier(entry.Kind) || entry.Points <= 0)
            return null;
        var tiers = (await programme.CurrentAsync(db, cancellationToken)).Tiers;
        var earned = await TierOptions.EarnedInAYearAsync(db, member.Id, entry.RecordedAt, cancellationToken);
        var (before, _, _) = TierReview.Held(tiers, member.Tier, earned - entry.Points);
        var (after, _, _) = TierReview.Held(tiers, member.Tier, earned);
        // Only up: an entry never takes a held tier down (a member without a stored tier yet included); the review does, and says so.
        if (after.Threshold <= before.Threshold)
            return null;
        await PublishTierChangeAsync(member, before, after, entry.Id, entry.RecordedAt, cancellationToken);
        return after;
    }

    /// <summary>Announces that <paramref name="member"/> moved from one tier to another; <paramref name="eventId"/> names the cause once.</summary>
    public Task PublishTierChangeAsync(
        Member member, TierOptions.Tier from, TierOptions.Tier to, Guid eventId, DateTimeOffset at, CancellationToken cancellationToken) =>
        publisher.Publish(new LoyaltyTierChanged
        {
            MemberId = member.Id, CustomerId = member.CustomerId, Email = member.Email, EntryId = eventId, FromTier = from.Name,
            ToTier = to.Name, Direction = to.Threshold > from.Threshold ? TierDirections.Up : TierDirections.Down, ChangedAt = at,
        }, cancellationToken);
}
