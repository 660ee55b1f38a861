using CustomerPlatform.Contracts.Customers;
using CustomerPlatform.Loyalty.Ledger;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using CustomerPlatform.Loyalty.Programme;
using CustomerPlatform.Loyalty.Referrals;

namespace CustomerPlatform.Loyalty.Earning;

/// <summary>Confirms an order's pending points (sent by <see cref="OrderPlacedConsumer"/> on the durable scheduler).</summary>
public sealed record ConfirmOrderPoints(string OrderId);

/// <summary>
/// An order earns pending points for its buyer's address, line by line, by the current programme version's rules and the
/// tier its member was in when the order was placed (its <see cref="TierOptions.Tier.EarningMultiplier"/>), once however
/// often the event is delivered (the entry's source key), and their confirmation is scheduled for the end of the return
/// window, in the consumer outbox's transaction.
/// </summary>
public sealed class OrderPlacedConsumer(
    LoyaltyDbContext db, LedgerEvents ledger, ProgrammeStore programme, TierUpgrades tierUpgrades, IEndpointNameFormatter endpoints, TimeProvider time)
    : IConsumer<OrderPlaced>
{
    public async Task Consume(ConsumeContext<OrderPlaced> context)
    {
        var order = context.Message;
        var now = time.GetUtcNow();
        var member = await MemberLedger.LockByEmailAsync(db, order.Email, order.CustomerId, now, context.CancellationToken);
        if (await db.OrderEarnings.AnyAsync(o => o.OrderId == order.OrderId, context.CancellationToken))
        {
            await db.SaveChangesAsync(context.CancellationToken);
            return;
        }

        var current = await programme.CurrentAsync(db, context.CancellationToken);
        var first = !await db.OrderEarnings.AnyAsync(o => o.MemberId == member.Id, context.CancellationToken);
        var rules = current.Earning;
        // The tier the member holds (ADR-036), by the points of the 12 months before the order (under the member's lock: nothing moves it meanwhile).
        var (tier, _, _) = TierReview.Held(current.Tiers, member.Tier, await TierOptions.EarnedInAYearAsync(db, member.Id, order.At, context.CancellationToken));
        var lines = order.Lines.Select((line, i) => new OrderEarningLine
        {
            OrderId = order.OrderId, LineNumber = i + 1, Sku = line.Sku, Category = line.Category, Quantity = line.Quantity,
            Points = rules.PointsFor(line.Category, line.Quantity, line.UnitPrice, tier.EarningMultiplier),
        }).ToList();
        var earning = new OrderEarning
        {
            OrderId = order.OrderId, MemberId = member.Id, PlacedAt = order.At, Points = lines.Sum(l => l.Points), Lines = lines,
            ProgrammeVersion = current.Version,
        };
        var appended = await ledger.AppendAsync(db, member, new LedgerEntry
        {
            Id = NewId.NextGuid(), Kind = LedgerKinds.PendingEarn, PendingPoints = earning.Points, OrderId = order.OrderId,
            SourceKey = OrderSourceKeys.Earn(order.OrderId), At = order.At, RecordedAt = now, ProgrammeVersion = current.Version,
        }, context.CancellationToken);
        if (!appended)
            return;
        db.OrderEarnings.Add(earning);
        await db.SaveChangesAsync(context.CancellationToken);
        if (first)
            await ReferralsApi.PayForFirstOrderAsync(db, tierUpgrades, member, order.OrderId, order.Email, current, now, context.CancellationToken);

        var due = order.At + rules.ConfirmAfter;
        var queue = new Uri($"queue:{endpoints.Consumer<ConfirmOrderPointsConsumer>()}");
        await context.ScheduleSend(queue, (due > now ? due : now).UtcDateTime, new ConfirmOrderPoints(order.OrderId));
    }
}

/// <summary>The return window has passed: what the order still earns (its points less those reversed) moves from pending to the balance, once.</summary>
public sealed class ConfirmOrderPointsConsumer(LoyaltyDbContext db, TierUpgrades tierUpgrades, TimeProvider time) : IConsumer<ConfirmOrderPoints>
{
    public async Task Consume(ConsumeContext<ConfirmOrderPoints> context)
    {
        var (member, earning) = await OrderSourceKeys.LockAsync(db, context.Message.OrderId, context.CancellationToken);
        if (earning is null || earning.ConfirmedAt is not null)
            return;
        var now = time.GetUtcNow();
        var remaining = earning.Points - earning.ReversedPoints;
        earning.ConfirmedAt = now;
        var confirm = new LedgerEntry
        {
            Id = NewId.NextGuid(), Kind = LedgerKinds.Confirm, Points = remaining, PendingPoints = -remaining, OrderId = earning.OrderId,
            SourceKey = OrderSourceKeys.Confirm(earning.OrderId), At = now, RecordedAt = now, ProgrammeVersion = earning.ProgrammeVersion,
        };
        // Confirmed points count toward the tier: the upgrade email, if any, goes with the entry (the consumer outbox).
        await tierUpgrades.AppendAndAnnounceAsync(db, member!, confirm, context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
    }
}

/// <summary>
/// A refund reverses the points of the lines it names (a whole refund, and a cancellation, what is left): from the pending
/// points before confirmation, from the balance after (which may go below zero). Once per event (its source key).
/// A refund of an amount without lines reverses nothing yet.
/// </summary>
public sealed class OrderReversalConsumer(LoyaltyDbContext db, LedgerEvents ledger, TimeProvider time, ILogger<OrderReversalConsumer> logger)
    : IConsumer<OrderRefunded>, IConsumer<OrderCancelled>
{
    public Task Consume(ConsumeContext<OrderCancelled> context) =>
        ReverseAsync(context.Message, OrderSourceKeys.Cancel(context.Message.OrderId), "cancelled", lines: null, context.CancellationToken);

    public Task Consume(ConsumeContext<OrderRefunded> context)
    {
        var refund = context.Message;
        if (!refund.Whole && refund.Lines.Count == 0)
        {
            logger.LogInformation("Order {OrderId}'s refund of an amount without lines reverses no points", refund.OrderId);
            return Task.CompletedTask;
        }
        return ReverseAsync(refund, OrderSourceKeys.Refund(refund.OrderId, refund.EventId, refund.At), "refunded", refund.Whole ? null : refund.Lines, context.CancellationToken);
    }

    private async Task ReverseAsync(OrderEvent change, string sourceKey, string reason, IReadOnlyList<OrderLineQuantity>? lines, CancellationToken cancellationToken)
    {
        var (member, earning) = await OrderSourceKeys.LockAsync(db, change.OrderId, cancellationToken);
        // Its placing not applied yet (another queue's message overtook it): fail, and the retry finds it.
        if (earning is null)
            throw new InvalidOperationException($"Order {change.OrderId} has earned nothing yet: its refund or cancellation waits for it.");

        long points = 0;
        if (lines is null)
            points = earning.Lines.Sum(l => l.Reverse(l.Quantity));
        else
            foreach (var refunded in lines)
            {
                var left = refunded.Quantity;
                foreach (var line in earning.Lines.Where(l => l.Sku == refunded.Sku).OrderBy(l => l.LineNumber))
                {
                    var units = Math.Min(left, line.Quantity - line.ReversedQuantity);
                    points += line.Reverse(units);
                    left -= units;
                }
            }

        var now = time.GetUtcNow();
        var confirmed = earning.ConfirmedAt is not null;
        var appended = await ledger.AppendAsync(db, member!, new LedgerEntry
        {
            Id = NewId.NextGuid(), Kind = LedgerKinds.Reverse, Points = confirmed ? -points : 0, PendingPoints = confirmed ? 0 : -points,
            OrderId = earning.OrderId, Reason = $"Order {reason}", SourceKey = sourceKey, At = change.At, RecordedAt = now,
            ProgrammeVersion = earning.ProgrammeVersion,
        }, cancellationToken);
        if (!appended)
        {
            // The lines' reversal was this event's, already applied: forget it, and only it (the round also tracks its inbox row).
            foreach (var line in earning.Lines)
                db.Entry(line).State = EntityState.Detached;
            return;
        }
        earning.ReversedPoints += points;
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>The source keys of an order's entries, and its earning with its member locked.</summary>
public static class OrderSourceKeys
{
    public static string Earn(string orderId) => $"order:{orderId}:earn";
    public static string Confirm(string orderId) => $"order:{orderId}:confirm";
    public static string Cancel(string orderId) => $"order:{orderId}:cancel";
    /// <summary>A refund's key: the store's event id (two refunds of one order may share their moment), else the moment.</summary>
    public static string Refund(string orderId, string? eventId, DateTimeOffset at) =>
        eventId is { Length: > 0 } ? $"order:{orderId}:refund:event:{eventId}" : $"order:{orderId}:refund:{at.UtcTicks}";

    /// <summary>The order's member, locked, and its earning with its lines, tracked; nulls when the order earned nothing yet.</summary>
    public static async Task<(Member? Member, OrderEarning? Earning)> LockAsync(LoyaltyDbContext db, string orderId, CancellationToken cancellationToken)
    {
        Member member;
        while (true)
        {
            var memberId = await MemberIdAsync(db, orderId, cancellationToken);
            if (memberId is null)
                return (null, null);
            member = await MemberLedger.LockAsync(db, memberId.Value, cancellationToken);
            // Folded into a customer's member while this waited for the lock (ADR-033): lock that one instead.
            if (await MemberIdAsync(db, orderId, cancellationToken) == memberId)
                break;
            db.Entry(member).State = EntityState.Detached;
        }
        var earning = await db.OrderEarnings.AsTracking().Include(o => o.Lines).SingleAsync(o => o.OrderId == orderId, cancellationToken);
        return (member, earning);
    }

    private static Task<Guid?> MemberIdAsync(LoyaltyDbContext db, string orderId, CancellationToken cancellationToken) =>
        db.OrderEarnings.Where(o => o.OrderId == orderId).Select(o => (Guid?)o.MemberId).SingleOrDefaultAsync(cancellationToken);
}
