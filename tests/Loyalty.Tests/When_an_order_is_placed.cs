using CustomerPlatform.Loyalty.Ledger;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Loyalty.Tests;

/// <summary>
/// An order earns pending points for its buyer per unit of spend and category, once however often its event is
/// delivered, and they are confirmed into the balance once the return window has passed (the durable scheduler).
/// </summary>
[Collection(LoyaltyCollection.Name)]
public sealed class When_an_order_is_placed(LoyaltyFixture fixture)
{
    [Fact]
    public async Task Should_earn_pending_points_once_however_often_the_event_is_delivered()
    {
        var (customerId, email, client) = fixture.NewCustomer();
        var order = LoyaltyFixture.NewOrder(customerId, email);

        await fixture.Bus.Publish(order);
        await fixture.Bus.Publish(order);
        await fixture.Bus.Publish(order with { Email = email.ToUpperInvariant() });
        await fixture.WaitForEntryAsync(order.OrderId, LedgerKinds.PendingEarn);
        await Task.Delay(TimeSpan.FromSeconds(1));

        var entry = Assert.Single(await fixture.EntriesAsync(order.OrderId));
        Assert.Equal((LedgerKinds.PendingEarn, 0L, LoyaltyFixture.OrderPoints), (entry.Kind, entry.Points, entry.PendingPoints));
        var member = await fixture.MemberAsync(email);
        Assert.Equal((customerId, 0L, LoyaltyFixture.OrderPoints), (member!.CustomerId, member.Balance, member.Pending));

        var me = await LoyaltyFixture.MeAsync(client);
        Assert.Equal((0L, LoyaltyFixture.OrderPoints), (me.PointsBalance, me.PendingPoints));
        var ledger = Assert.Single(await LoyaltyFixture.LedgerAsync(client));
        Assert.Equal((LedgerKinds.PendingEarn, LoyaltyFixture.OrderPoints, order.OrderId), (ledger.Kind, ledger.PendingPoints, ledger.OrderId));
    }

    [Fact]
    public async Task Should_confirm_the_points_once_the_return_window_has_passed()
    {
        var (customerId, email, client) = fixture.NewCustomer();
        var order = await fixture.PlaceAsync(LoyaltyFixture.NewOrder(customerId, email));
        Assert.Equal(0, (await LoyaltyFixture.MeAsync(client)).PointsBalance);

        await fixture.WaitForEntryAsync(order.OrderId, LedgerKinds.Confirm);
        var confirm = (await fixture.EntriesAsync(order.OrderId)).Single(e => e.Kind == LedgerKinds.Confirm);
        Assert.True(confirm.RecordedAt >= order.At + LoyaltyFixture.ConfirmAfter - TimeSpan.FromSeconds(1), "Confirmed before the return window passed.");
        Assert.Equal((LoyaltyFixture.OrderPoints, -LoyaltyFixture.OrderPoints), (confirm.Points, confirm.PendingPoints));

        var me = await LoyaltyFixture.MeAsync(client);
        Assert.Equal((LoyaltyFixture.OrderPoints, 0L), (me.PointsBalance, me.PendingPoints));
        // 135 points earned in the last 12 months: Silver (from 100), 865 short of Gold.
        Assert.Equal(("Silver", "Gold", 865L), (me.Tier, me.NextTier, me.PointsToNextTier));
        var ledger = await LoyaltyFixture.LedgerAsync(client);
        Assert.Equal([LedgerKinds.Confirm, LedgerKinds.PendingEarn], ledger.Select(e => e.Kind));

        // A confirmation delivered again confirms nothing more.
        await fixture.Bus.Publish(new Earning.ConfirmOrderPoints(order.OrderId));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(2, (await fixture.EntriesAsync(order.OrderId)).Count);
        Assert.Equal(LoyaltyFixture.OrderPoints, (await fixture.MemberAsync(email))!.Balance);
    }

    [Fact]
    public async Task Should_give_a_guest_order_to_its_address_and_the_customer_once_an_event_names_them()
    {
        var (customerId, email, client) = fixture.NewCustomer();
        var guest = await fixture.PlaceAsync(LoyaltyFixture.NewOrder(null, email));
        Assert.Equal(0, (await LoyaltyFixture.MeAsync(client)).PendingPoints);

        var second = await fixture.PlaceAsync(LoyaltyFixture.NewOrder(customerId, email));
        Assert.Equal(2 * LoyaltyFixture.OrderPoints, (await LoyaltyFixture.MeAsync(client)).PendingPoints);
        Assert.Equal(1, await fixture.ReadAsync(db => db.Members.CountAsync(m => m.Email == MemberLedger.NormalizeEmail(email))));
    }
}
