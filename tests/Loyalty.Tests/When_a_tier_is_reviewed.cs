using System.Net.Http.Json;
using CustomerPlatform.Contracts.Customers;
using CustomerPlatform.Contracts.Loyalty;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.Loyalty.Rewards;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Loyalty.Tests;

/// <summary>
/// A tier reached is kept at once and until the yearly review (the anniversary plus <see cref="LoyaltyFixture.TierGrace"/>),
/// even when the points that reached it are taken back; only the review moves a member down (ADR-036).
/// </summary>
[Collection(LoyaltyCollection.Name)]
public sealed class When_a_tier_is_reviewed(LoyaltyFixture fixture)
{
    [Fact]
    public async Task Should_keep_an_upgrade_until_the_yearly_review_and_only_then_move_down()
    {
        var (customerId, email, client) = fixture.NewCustomer();
        var order = await fixture.PlaceAsync(LoyaltyFixture.NewOrder(customerId, email));
        await fixture.WaitForEntryAsync(order.OrderId, LedgerKinds.Confirm);
        await fixture.SweepAsync();
        await fixture.WaitUntilAsync(db => db.Members.AnyAsync(m => m.CustomerId == customerId && m.TierReviewAt != null), "the first review scheduled");
        var member = (await fixture.MemberAsync(email))!;
        Assert.Equal("Silver", member.Tier);
        Assert.Equal(member.CreatedAt.AddYears(1) + LoyaltyFixture.TierGrace, member.TierReviewAt!.Value, TimeSpan.FromMilliseconds(1));

        // The whole order refunded: its points no longer reach Silver, and the member stays Silver.
        await fixture.Bus.Publish(new OrderRefunded
        {
            OrderId = order.OrderId, Email = order.Email, CustomerId = customerId, At = DateTimeOffset.UtcNow, Lines = [],
            Amount = order.Total, Currency = order.Currency, Whole = true, EventId = $"refund-{Guid.NewGuid():N}",
        });
        await fixture.WaitForEntryAsync(order.OrderId, LedgerKinds.Reverse);
        await fixture.SweepAsync();
        var store = fixture.Store();
        var benefits = $"/api/loyalty/members/{Uri.EscapeDataString(email)}/benefits";
        var me = await LoyaltyFixture.MeAsync(client);
        Assert.Equal(("Silver", "Gold", 1000L), (me.Tier, me.NextTier, me.PointsToNextTier));
        Assert.Equal(new StoreApi.BenefitsView("Silver", true, false, 0), await store.GetFromJsonAsync<StoreApi.BenefitsView>(benefits));

        // The review's day: the member moves down to what the last 12 months reach, and the next review is a year on.
        await fixture.ReadAsync(db => db.Members.Where(m => m.Id == member.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.TierReviewAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        await fixture.SweepAsync();
        await fixture.WaitUntilAsync(db => db.Members.AnyAsync(m => m.Id == member.Id && m.Tier == "Member"), "the move down");

        me = await LoyaltyFixture.MeAsync(client);
        Assert.Equal(("Member", "Silver", 100L), (me.Tier, me.NextTier, me.PointsToNextTier));
        Assert.Equal(new StoreApi.BenefitsView("Member", false, false, 0), await store.GetFromJsonAsync<StoreApi.BenefitsView>(benefits));
        Assert.True((await fixture.MemberAsync(email))!.TierReviewAt > DateTimeOffset.UtcNow.AddDays(300));

        // The move down is announced (the timeline, the support desk's routing), once however often the sweep runs.
        var down = await fixture.Events.WaitForAsync<LoyaltyTierChanged>(e => e.CustomerId == customerId && e.Direction == TierDirections.Down, "the way down");
        await fixture.SweepAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(("Silver", "Member"), (down.FromTier, down.ToTier));
        Assert.Single(fixture.Events.All<LoyaltyTierChanged>(e => e.CustomerId == customerId && e.Direction == TierDirections.Down));
    }
}
