using CustomerPlatform.Contracts.Customers;
using CustomerPlatform.Loyalty.Ledger;

namespace CustomerPlatform.Loyalty.Tests;

/// <summary>
/// A refund reverses the points of the lines it covers, a cancellation or a whole refund all that is left: from the
/// pending points before the confirmation (which then confirms only the rest), from the balance after; once per event.
/// </summary>
[Collection(LoyaltyCollection.Name)]
public sealed class When_an_order_is_refunded(LoyaltyFixture fixture)
{
    private static OrderRefunded Refund(OrderPlaced order, bool whole, params OrderLineQuantity[] lines) => new()
    {
        OrderId = order.OrderId, Email = order.Email, CustomerId = order.CustomerId, At = DateTimeOffset.UtcNow,
        Lines = lines, Amount = 10m, Currency = order.Currency, Whole = whole,
    };

    [Fact]
    public async Task Should_reverse_the_pending_points_of_the_refunded_lines_once_and_confirm_the_rest()
    {
        var (customerId, email, client) = fixture.NewCustomer();
        var order = await fixture.PlaceAsync(LoyaltyFixture.NewOrder(customerId, email));

        // One of the three hoses (20 points), the same refund delivered twice.
        var refund = Refund(order, whole: false, new OrderLineQuantity { Sku = "HOSE-1", Quantity = 1 });
        await fixture.Bus.Publish(refund);
        await fixture.Bus.Publish(refund);
        await fixture.WaitForEntryAsync(order.OrderId, LedgerKinds.Reverse);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var reverse = Assert.Single(await fixture.EntriesAsync(order.OrderId), e => e.Kind == LedgerKinds.Reverse);
        Assert.Equal((0L, -20L), (reverse.Points, reverse.PendingPoints));
        Assert.Equal((0L, 115L), Of(await LoyaltyFixture.MeAsync(client)));

        await fixture.WaitForEntryAsync(order.OrderId, LedgerKinds.Confirm);
        Assert.Equal((115L, 0L), Of(await LoyaltyFixture.MeAsync(client)));
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
