using System.Net.Http.Json;
using CustomerPlatform.Contracts.Loyalty;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Customers.Tests;

/// <summary>
/// Loyalty's events on the customer's timeline (ADR-039): points earned, a reward redeemed (its code never), a tier
/// reached; once each however often delivered, at the events' own time; a guest member's by address until it signs up.
/// </summary>
[Collection(CustomersCollection.Name)]
public sealed class When_loyalty_reports_a_members_points(CustomersFixture fixture)
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-20T09:00:00Z");

    [Fact]
    public async Task Should_show_points_a_redemption_and_a_tier_once_each_in_their_order()
    {
        var email = CustomersFixture.NewEmail("loyal");
        var customerId = await fixture.SignUpAsync(email);
        var memberId = Guid.NewGuid();
        object[] events =
        [
            new LoyaltyPointsEarned
            {
                MemberId = memberId, CustomerId = customerId, Email = email, EntryId = Guid.NewGuid(), Kind = EarnedKinds.PendingEarn, Points = 0,
                PendingPoints = 135, OrderId = "T-42", PointsBalance = 0, EarnedAt = Start,
            },
            new LoyaltyPointsEarned
            {
                MemberId = memberId, CustomerId = customerId, Email = email, EntryId = Guid.NewGuid(), Kind = EarnedKinds.Confirm, Points = 135,
                PendingPoints = -135, OrderId = "T-42", PointsBalance = 1135, EarnedAt = Start.AddMinutes(1),
            },
            new LoyaltyTierChanged
            {
                MemberId = memberId, CustomerId = customerId, Email = email, EntryId = Guid.NewGuid(), FromTier = "Silver", ToTier = "Gold",
                Direction = TierDirections.Up, ChangedAt = Start.AddMinutes(1.5),
            },
            new LoyaltyRewardRedeemed
            {
                MemberId = memberId, CustomerId = customerId, Email = email, EntryId = Guid.NewGuid(), RewardId = "ten-off", RewardName = "10 % off",
                Cost = 500, CodeExpiresAt = DateTimeOffset.Parse("2026-12-20T09:02:00Z"), PointsBalance = 635, RedeemedAt = Start.AddMinutes(2),
            },
        ];
        // The newest first, and each one twice.
        foreach (var message in events.Reverse().Concat(events))
            await fixture.Bus.Publish(message, message.GetType());

        await CustomersFixture.WaitUntilAsync(async () => await fixture.ReadAsync(db => db.Timeline.CountAsync(e => e.CustomerId == customerId)) >= 5,
            "the four loyalty entries");
        await Task.Delay(500);
        using var staff = fixture.CreateClient(Guid.NewGuid(), Roles.Agent);
        var page = (await staff.GetFromJsonAsync<TimelinePage>($"/api/customers/{customerId}/timeline"))!;

        var loyalty = page.Entries.Where(e => e.Source == ResourceNames.Services.Loyalty).ToList();
        Assert.Equal(["loyalty-reward", "loyalty-tier", "loyalty-points", "loyalty-points"], loyalty.Select(e => e.Kind));
        Assert.Equal(
        [
            "Redeemed 500 loyalty points for \u201c10 % off\u201d: a code valid until 2026-12-20; 635 loyalty points left",
            "Reached the Gold loyalty tier (from Silver)",
            "135 loyalty points of order T-42 confirmed; balance 1,135",
            "Order T-42 earns 135 loyalty points, pending until its return window closes",
        ], loyalty.Select(e => e.Text));
    }

    [Fact]
    public async Task Should_keep_a_guests_points_by_address_until_it_signs_up()
    {
        var email = CustomersFixture.NewEmail("loyal-guest");
        var earned = new LoyaltyPointsEarned
        {
            MemberId = Guid.NewGuid(), CustomerId = null, Email = email.ToUpperInvariant(), EntryId = Guid.NewGuid(), Kind = EarnedKinds.PendingEarn,
            Points = 0, PendingPoints = 60, OrderId = "T-7", PointsBalance = 0, EarnedAt = Start,
        };
        await fixture.Bus.Publish(earned);
        await fixture.Bus.Publish(earned);
        await CustomersFixture.WaitUntilAsync(() => fixture.ReadAsync(db => db.Timeline.AnyAsync(e => e.SourceKey == $"loyalty:points:{earned.EntryId}")),
            "the guest's entry");

        var customerId = await fixture.SignUpAsync(email);
        await CustomersFixture.WaitUntilAsync(() => fixture.ReadAsync(db => db.Timeline.AnyAsync(e => e.CustomerId == customerId && e.Kind == "loyalty-points")),
            "the guest's entry linked to the customer");
        // Once the address is a customer's, a guest member's later event lands on that customer at once.
        var later = earned with { EntryId = Guid.NewGuid(), Kind = EarnedKinds.Adjustment, Points = 20, PendingPoints = 0, OrderId = null, Reason = "Welcome" };
        await fixture.Bus.Publish(later);
        await CustomersFixture.WaitUntilAsync(() => fixture.ReadAsync(db => db.Timeline.AnyAsync(e => e.SourceKey == $"loyalty:points:{later.EntryId}")),
            "the later entry");

        var entries = await fixture.ReadAsync(db => db.Timeline.Where(e => e.Source == ResourceNames.Services.Loyalty && e.Email == email.ToLowerInvariant() || e.CustomerId == customerId && e.Kind == "loyalty-points").ToListAsync());
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(customerId, e.CustomerId));
    }
}
