using CustomerPlatform.Contracts.Customers;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Loyalty.Earning;
using CustomerPlatform.Loyalty.Ledger;

namespace CustomerPlatform.Loyalty.Tests;

/// <summary>
/// Points that count toward the tier (confirmed purchase points) taking a member over a higher tier's threshold ask
/// Notifications for one tier email, with the entry; never for adjustments, and never twice for one crossing however
/// often its events are delivered; a second crossing of the same tier asks again under the same NotificationId, which
/// Notifications sends once.
/// </summary>
[Collection(LoyaltyCollection.Name)]
public sealed class When_a_member_reaches_a_tier(LoyaltyFixture fixture)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Should_ask_for_one_tier_email_when_confirmed_points_cross_silver_however_often_the_events_arrive()
    {
        var (customerId, email, _) = fixture.NewCustomer();
        // An adjustment does not count toward the tier: 2,000 points by hand are no upgrade.
        await fixture.GrantAsync(customerId, email, 2000);
        // Two orders of 135 points, each delivered twice: the first confirmed crosses Silver (100), the second stays in it.
        var order = LoyaltyFixture.NewOrder(customerId, email);
        var another = LoyaltyFixture.NewOrder(customerId, email);
        foreach (var placed in new[] { order, another, order, another })
            await fixture.Bus.Publish(placed);
        await fixture.WaitForEntryAsync(order.OrderId, LedgerKinds.Confirm);
        await fixture.WaitForEntryAsync(another.OrderId, LedgerKinds.Confirm);
        await fixture.Bus.Publish(new ConfirmOrderPoints(order.OrderId));

        var sent = await fixture.Events.WaitForAsync<SendEmail>(
            e => e.Template == EmailTemplates.LoyaltyTierUpgraded && e.To == MemberLedger.NormalizeEmail(email), "the Silver email");
        await Task.Delay(Quiet);

        Assert.Single(fixture.TierEmailsTo(email));
        var member = (await fixture.MemberAsync(email))!;
        Assert.Equal((TierUpgrades.NotificationId(member.Id, "Silver"), customerId, "Silver"),
            (sent.NotificationId, sent.CustomerId, sent.Variables["tierName"]));
        Assert.Equal("Free shipping on every order", sent.Variables["benefits"]);
        Assert.EndsWith("/loyalty", sent.Variables["loyaltyLink"]);
    }

    [Fact]
    public async Task Should_not_email_a_member_who_keeps_silver_when_their_points_cross_it_a_second_time()
    {
        var (customerId, email, _) = fixture.NewCustomer();
        var first = await fixture.PlaceAsync(LoyaltyFixture.NewOrder(customerId, email));
        await fixture.WaitForEntryAsync(first.OrderId, LedgerKinds.Confirm);
        await fixture.Events.WaitForAsync<SendEmail>(e => e.Template == EmailTemplates.LoyaltyTierUpgraded && e.To == MemberLedger.NormalizeEmail(email));

        // The whole order refunded: the points fall below Silver, but the member keeps Silver until the yearly review
        // (ADR-036); another order confirmed takes the points over Silver again, which the member holds already.
        await fixture.Bus.Publish(new OrderRefunded
        {
            OrderId = first.OrderId, Email = first.Email, CustomerId = customerId, At = DateTimeOffset.UtcNow, Lines = [],
            Amount = first.Total, Currency = first.Currency, Whole = true, EventId = $"refund-{Guid.NewGuid():N}",
        });
        await fixture.WaitForEntryAsync(first.OrderId, LedgerKinds.Reverse);
        var second = await fixture.PlaceAsync(LoyaltyFixture.NewOrder(customerId, email));
        await fixture.WaitForEntryAsync(second.OrderId, LedgerKinds.Confirm);
        await Task.Delay(Quiet);

        Assert.Single(fixture.TierEmailsTo(email));
    }
}
