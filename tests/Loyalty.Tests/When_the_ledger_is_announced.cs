using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Loyalty;
using CustomerPlatform.Contracts.Onboarding;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.Loyalty.Rewards;

namespace CustomerPlatform.Loyalty.Tests;

/// <summary>
/// Loyalty tells the other services what its ledger did (ADR-039): one <see cref="LoyaltyPointsEarned"/> per entry that adds
/// points, one <see cref="LoyaltyRewardRedeemed"/> per redemption (without the code), one <see cref="LoyaltyTierChanged"/> per
/// entry that moves the member across a tier's threshold, however often the cause is delivered.
/// </summary>
[Collection(LoyaltyCollection.Name)]
public sealed class When_the_ledger_is_announced(LoyaltyFixture fixture)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Should_announce_an_orders_points_and_the_tier_they_reach_once_however_often_the_order_arrives()
    {
        var (customerId, email, _) = await fixture.SignedUpCustomerAsync();
        var order = LoyaltyFixture.NewOrder(customerId, email);
        await fixture.PublishTwiceAsync(order);
        await fixture.WaitForEntryAsync(order.OrderId, LedgerKinds.Confirm);
        await fixture.Events.WaitForAsync<LoyaltyTierChanged>(e => e.CustomerId == customerId, "the tier change");
        await fixture.Bus.Publish(new Earning.ConfirmOrderPoints(order.OrderId));
        await Task.Delay(Quiet);

        var earned = fixture.Events.All<LoyaltyPointsEarned>(e => e.CustomerId == customerId);
        Assert.Equal(2, earned.Count);
        var pending = Assert.Single(earned, e => e.Kind == LedgerKinds.PendingEarn);
        var confirmed = Assert.Single(earned, e => e.Kind == LedgerKinds.Confirm);
        Assert.Equal((order.OrderId, 0L, LoyaltyFixture.OrderPoints, MemberLedger.NormalizeEmail(email)),
            (pending.OrderId, pending.Points, pending.PendingPoints, pending.Email));
        Assert.Equal((order.OrderId, LoyaltyFixture.OrderPoints, -LoyaltyFixture.OrderPoints, LoyaltyFixture.OrderPoints),
            (confirmed.OrderId, confirmed.Points, confirmed.PendingPoints, confirmed.PointsBalance));
        var entries = await fixture.CustomerEntriesAsync(customerId);
        Assert.Equal(entries.Where(e => e.OrderId == order.OrderId).Select(e => e.Id).Order(), earned.Select(e => e.EntryId).Order());

        var tier = Assert.Single(fixture.Events.All<LoyaltyTierChanged>(e => e.CustomerId == customerId));
        Assert.Equal(("Member", "Silver", TierDirections.Up, confirmed.EntryId), (tier.FromTier, tier.ToTier, tier.Direction, tier.EntryId));
    }

    [Fact]
    public async Task Should_not_announce_a_tier_lost_to_a_refund_as_the_member_keeps_it_until_the_yearly_review()
    {
        var (customerId, email, _) = await fixture.SignedUpCustomerAsync();
        var order = await fixture.PlaceAsync(LoyaltyFixture.NewOrder(customerId, email));
        await fixture.WaitForEntryAsync(order.OrderId, LedgerKinds.Confirm);
        var up = await fixture.Events.WaitForAsync<LoyaltyTierChanged>(e => e.CustomerId == customerId && e.Direction == TierDirections.Up, "the way up");
        var refund = new Contracts.Customers.OrderRefunded
        {
            OrderId = order.OrderId, Email = order.Email, CustomerId = customerId, At = DateTimeOffset.UtcNow, Lines = [],
            Amount = order.Total, Currency = order.Currency, Whole = true, EventId = $"refund-{Guid.NewGuid():N}",
        };
        await fixture.PublishTwiceAsync(refund);
        await fixture.WaitForEntryAsync(order.OrderId, LedgerKinds.Reverse);
        await Task.Delay(Quiet);

        Assert.Equal(("Member", "Silver"), (up.FromTier, up.ToTier));
        Assert.Equal(up, Assert.Single(fixture.Events.All<LoyaltyTierChanged>(e => e.CustomerId == customerId)));
    }

    [Fact]
    public async Task Should_announce_lifecycle_points_adjustments_and_a_redemption_once_without_the_code()
    {
        var (customerId, email, client) = await fixture.SignedUpCustomerAsync();
        var completed = new OnboardingCompleted { CustomerId = customerId, CompletedAt = DateTimeOffset.UtcNow, AdvancedTrainingTaken = false };
        await fixture.PublishTwiceAsync(completed);
        var onboarding = await fixture.Events.WaitForAsync<LoyaltyPointsEarned>(e => e.CustomerId == customerId, "the onboarding points");
        var (_, staff) = fixture.NewStaff(Roles.Agent);
        var member = (await fixture.MemberAsync(email))!;
        var adjustment = new { points = 400, reason = "A parcel lost in the post", idempotencyKey = $"lost-{Guid.NewGuid():N}" };
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync($"/api/loyalty/staff/members/{member.Id}/adjustments", adjustment)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/loyalty/staff/members/{member.Id}/adjustments", adjustment)).StatusCode);
        var response = await client.PostAsync("/api/loyalty/rewards/ten-off/redeem", null);
        var code = (await response.Content.ReadFromJsonAsync<RewardsApi.RedeemedView>())!;

        var redeemed = await fixture.Events.WaitForAsync<LoyaltyRewardRedeemed>(e => e.CustomerId == customerId, "the redemption");
        await Task.Delay(Quiet);

        Assert.Equal((LedgerKinds.Earn, 200L, "Onboarding completed"), (onboarding.Kind, onboarding.Points, onboarding.Reason));
        var added = Assert.Single(fixture.Events.All<LoyaltyPointsEarned>(e => e.CustomerId == customerId && e.Kind == LedgerKinds.Adjustment));
        Assert.Equal((400L, "A parcel lost in the post", 600L), (added.Points, added.Reason, added.PointsBalance));
        Assert.Equal(2, fixture.Events.All<LoyaltyPointsEarned>(e => e.CustomerId == customerId).Count);
        Assert.Single(fixture.Events.All<LoyaltyRewardRedeemed>(e => e.CustomerId == customerId));
        Assert.Equal(("ten-off", "10 % off your next order", 500L, code.ExpiresAt, 100L),
            (redeemed.RewardId, redeemed.RewardName, redeemed.Cost, redeemed.CodeExpiresAt, redeemed.PointsBalance));
        // The code is nobody else's business: not a field, and not in any text of the event.
        Assert.DoesNotContain(code.Code, System.Text.Json.JsonSerializer.Serialize(redeemed));
        // Lifecycle points count toward the tier (200 ≥ Silver's 100); adjustments and redemptions do not.
        Assert.Equal(onboarding.EntryId, Assert.Single(fixture.Events.All<LoyaltyTierChanged>(e => e.CustomerId == customerId)).EntryId);
    }
}
