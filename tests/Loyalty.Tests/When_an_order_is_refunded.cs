using CustomerPlatform.Contracts.Customers;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Loyalty.Tests;

/// <summary>
/// A refund reverses the points of the lines it covers, a cancellation or a whole refund all that is left: from the
/// pending points before the confirmation (which then confirms only the rest), from the balance after; once per event.
/// </summary>
[Collection(LoyaltyCollection.Name)]
public sealed class When_an_order_is_refunded(LoyaltyFixture fixture)
{
    /// <summary>Every refund here is stamped with the same moment, as a store's clock in whole seconds would.</summary>
    private static readonly DateTimeOffset Moment = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    private static OrderRefunded Refund(OrderPlaced order, bool whole, params OrderLineQuantity[] lines) => new()
    {
        OrderId = order.OrderId, Email = order.Email, CustomerId = order.CustomerId, At = Moment,
        Lines = lines, Amount = 10m, Currency = order.Currency, Whole = whole, EventId = $"refund-{Guid.NewGuid():N}",
    };

    [Fact]
    public async Task Should_reverse_the_pending_points_of_the_refunded_lines_once_and_confirm_the_rest()
    {
        var (customerId, email, client) = fixture.NewCustomer();
        var order = await fixture.PlaceAsync(LoyaltyFixture.NewOrder(customerId, email));

        // One of the three hoses (20 points), the same refund delivered twice: the copy writes nothing, and is done with all
        // the same (its inbox row delivered, so a third copy would not run the consumer again).
        var refund = Refund(order, whole: false, new OrderLineQuantity { Sku = "HOSE-1", Quantity = 1 });
        var copies = new[] { NewId.NextGuid(), NewId.NextGuid() };
        foreach (var copy in copies)
            await fixture.Bus.Publish(refund, context => context.MessageId = copy);
        await fixture.WaitUntilAsync(async db => await db.Set<InboxState>().CountAsync(i => copies.Contains(i.MessageId) && i.Delivered != null) == 2,
            "both copies of the refund consumed and delivered");
        var reverse = Assert.Single(await fixture.EntriesAsync(order.OrderId), e => e.Kind == LedgerKinds.Reverse);
        Assert.Equal((0L, -20L), (reverse.Points, reverse.PendingPoints));
        Assert.Equal((0L, 115L), Of(await LoyaltyFixture.MeAsync(client)));

        await fixture.WaitForEntryAsync(order.OrderId, LedgerKinds.Confirm);
        Assert.Equal((115L, 0L), Of(await LoyaltyFixture.MeAsync(client)));
    }

    [Fact]
    public async Task Should_reverse_two_refunds_of_the_same_moment_each_once()
    {
        var (customerId, email, client) = fixture.NewCustomer();
        var order = await fixture.PlaceAsync(LoyaltyFixture.NewOrder(customerId, email));

        // The store refunds two hoses in two events stamped with the same second: two reversals, 20 points each.
        var hose = new OrderLineQuantity { Sku = "HOSE-1", Quantity = 1 };
        await fixture.Bus.Publish(Refund(order, whole: false, hose));
        await fixture.Bus.Publish(Refund(order, whole: false, hose));
        await fixture.WaitForEntryAsync(order.OrderId, LedgerKinds.Reverse, count: 2);
        var (balance, pending) = Of(await LoyaltyFixture.MeAsync(client)); // pending, or confirmed if the window closed meanwhile
        Assert.Equal(LoyaltyFixture.OrderPoints - 40L, balance + pending);
    }

    [Fact]
    public async Task Should_reverse_confirmed_points_from_the_balance_when_the_rest_is_refunded()
    {
        var (customerId, email, client) = fixture.NewCustomer();
        var order = LoyaltyFixture.NewOrder(customerId, email);
        await fixture.Bus.Publish(order);
        await fixture.Bus.Publish(Refund(order, whole: false, new OrderLineQuantity { Sku = "BOOK-7", Quantity = 1 }));
        await fixture.WaitForEntryAsync(order.OrderId, LedgerKinds.Confirm);
        Assert.Equal((135L - 37L, 0L), Of(await LoyaltyFixture.MeAsync(client))); // half the books' 75 points, rounded down

        // The rest refunded after the window: every line's points are gone, the books' odd point too.
        await fixture.Bus.Publish(Refund(order, whole: true));
        await fixture.WaitForEntryAsync(order.OrderId, LedgerKinds.Reverse, count: 2);
        Assert.Equal((0L, 0L), Of(await LoyaltyFixture.MeAsync(client)));
        Assert.Equal(0L, (await fixture.EntriesAsync(order.OrderId)).Sum(e => e.Points + e.PendingPoints));
    }

    [Fact]
    public async Task Should_reverse_every_line_when_the_order_is_cancelled()
    {
        var (customerId, email, client) = fixture.NewCustomer();
        var order = await fixture.PlaceAsync(LoyaltyFixture.NewOrder(customerId, email));
        var cancelled = new OrderCancelled { OrderId = order.OrderId, Email = email, CustomerId = customerId, At = DateTimeOffset.UtcNow };
        await fixture.Bus.Publish(cancelled);
        await fixture.Bus.Publish(cancelled);
        await fixture.WaitForEntryAsync(order.OrderId, LedgerKinds.Reverse);
        await fixture.WaitForEntryAsync(order.OrderId, LedgerKinds.Confirm);

        Assert.Equal((0L, 0L), Of(await LoyaltyFixture.MeAsync(client)));
        var entries = await fixture.EntriesAsync(order.OrderId);
        Assert.Single(entries, e => e.Kind == LedgerKinds.Reverse);
        Assert.Equal(0L, Assert.Single(entries, e => e.Kind == LedgerKinds.Confirm).Points);
    }

    private static (long Balance, long Pending) Of(LoyaltyApi.MemberView me) => (me.PointsBalance, me.PendingPoints);
}
