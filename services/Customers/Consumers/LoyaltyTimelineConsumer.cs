using System.Globalization;
using CustomerPlatform.Contracts.Loyalty;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Customers.Consumers;

/// <summary>
/// Loyalty's events on the customer's timeline (ADR-039): points earned, a reward redeemed (its code never: the event does
/// not carry it), a tier reached or lost. One entry per event (the ledger entry's id in its source key), at the event's own
/// time. A guest member's event (no customer id) is placed by address: on the profile that has it now, else kept by the
/// address and linked when the address signs up, as guest orders are.
/// </summary>
public sealed class LoyaltyTimelineConsumer(CustomersDbContext db, TimeProvider time) :
    IConsumer<LoyaltyPointsEarned>, IConsumer<LoyaltyRewardRedeemed>, IConsumer<LoyaltyTierChanged>
{
    public Task Consume(ConsumeContext<LoyaltyPointsEarned> context)
    {
        var earned = context.Message;
        return RecordAsync(earned, earned.EarnedAt, TimelineKinds.LoyaltyPoints, Describe(earned), $"loyalty:points:{earned.EntryId}",
            earned.Kind == EarnedKinds.PendingEarn ? earned.PendingPoints : earned.Points, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<LoyaltyRewardRedeemed> context)
    {
        var redeemed = context.Message;
        return RecordAsync(redeemed, redeemed.RedeemedAt, TimelineKinds.LoyaltyReward,
            $"Redeemed {Points(redeemed.Cost)} for \u201c{TimelineConsumer.Shorten(redeemed.RewardName, 200)}\u201d: a code valid until "
                + $"{redeemed.CodeExpiresAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}; {Points(redeemed.PointsBalance)} left",
            $"loyalty:redeemed:{redeemed.EntryId}", -redeemed.Cost, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<LoyaltyTierChanged> context)
    {
        var changed = context.Message;
        var text = changed.Direction == TierDirections.Up
            ? $"Reached the {changed.ToTier} loyalty tier (from {changed.FromTier})"
            : $"Moved down to the {changed.ToTier} loyalty tier (from {changed.FromTier})";
        return RecordAsync(changed, changed.ChangedAt, TimelineKinds.LoyaltyTier, text, $"loyalty:tier:{changed.EntryId}", null, context.CancellationToken);
    }

    private static string Describe(LoyaltyPointsEarned earned) => earned.Kind switch
    {
        EarnedKinds.PendingEarn => $"Order {earned.OrderId} earns {Points(earned.PendingPoints)}, pending until its return window closes",
        EarnedKinds.Confirm => $"{Points(earned.Points)} of order {earned.OrderId} confirmed; balance {earned.PointsBalance.ToString("N0", CultureInfo.InvariantCulture)}",
        EarnedKinds.Adjustment => $"Staff added {Points(earned.Points)}: {TimelineConsumer.Shorten(earned.Reason ?? "", 300)}",
        _ => $"Earned {Points(earned.Points)}" + (earned.Reason is { Length: > 0 } reason ? $": {TimelineConsumer.Shorten(reason, 300)}" : ""),
    };

    private static string Points(long points) =>
        points == 1 ? "1 loyalty point" : $"{points.ToString("N0", CultureInfo.InvariantCulture)} loyalty points";

    private async Task RecordAsync(LoyaltyEvent loyalty, DateTimeOffset at, string kind, string text, string sourceKey, decimal? metric,
        CancellationToken cancellationToken)
    {
        var email = CustomerProfile.Normalize(loyalty.Email);
        var customerId = loyalty.CustomerId;
        if (customerId is null)
        {
            // Under the address's lock, which a sign-up takes to link the address's guest entries: either the profile is
            // seen here, or the sign-up waits and links this entry.
            await db.LockAsync("email", email, cancellationToken);
            customerId = await db.Profiles.Where(p => p.Email == email).Select(p => (Guid?)p.CustomerId).FirstOrDefaultAsync(cancellationToken);
        }
        await db.RecordAsync(new TimelineEntry
        {
            Id = NewId.NextGuid(),
            CustomerId = customerId,
            Email = customerId is null ? email : null,
            At = at.ToUniversalTime(),
            Kind = kind,
            Source = ResourceNames.Services.Loyalty,
            Text = TimelineConsumer.Shorten(text, 2000),
            Link = null,
            SourceKey = sourceKey,
            RecordedAt = time.GetUtcNow(),
            Metric = metric,
        }, cancellationToken);
    }
}
