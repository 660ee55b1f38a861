using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Loyalty.Expiry;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.Loyalty.Rewards;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Loyalty.Tests;

/// <summary>
/// Points expire <see cref="LoyaltyFixture.ExpireAfter"/> after they entered the balance, first in, first out (ADR-036): what
/// was spent came from the oldest lots, so only what is left of a lot expires, once, however many sweeps run at once; the
/// member is told once before, and <c>GET /api/loyalty/me</c> shows what expires soon. An unused expired reward code gives
/// its points back once, and the store cannot use it after that.
/// </summary>
[Collection(LoyaltyCollection.Name)]
public sealed class When_points_expire(LoyaltyFixture fixture)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    private Task<List<LedgerEntry>> EntriesOfAsync(Guid memberId) =>
        fixture.ReadAsync(db => db.LedgerEntries.Where(e => e.MemberId == memberId).OrderBy(e => e.RecordedAt).ToListAsync());

    [Fact]
    public async Task Should_expire_only_what_is_left_of_the_oldest_lot_once_however_many_sweeps_run()
    {
        var (customerId, email, client) = fixture.NewCustomer();
        // 300 earned 150 days ago, 200 of them spent 120 days ago; 50 earned 130 days ago, all left; 100 earned 20 days ago.
        var past = await fixture.HistoryAsync(email, customerId,
            (LedgerKinds.Adjustment, 300, 0, 150), (LedgerKinds.Adjustment, 50, 0, 130), (LedgerKinds.Redeem, -200, 0, 120),
            (LedgerKinds.Adjustment, 100, 0, 20));

        await Task.WhenAll(fixture.SweepAsync(), fixture.SweepAsync(), fixture.SweepAsync());
        await fixture.SweepAsync();
        await fixture.WaitForSourceKeyAsync(PointLots.ExpireKey(past[1].Id));
        await Task.Delay(Quiet);

        var member = (await fixture.MemberAsync(email))!;
        var expired = (await EntriesOfAsync(member.Id)).Where(e => e.Kind == LedgerKinds.Expire).ToList();
        // The redemption took 200 of the oldest lot: 100 of it expire, and the 50 of the next; the recent 100 stay.
        Assert.Equal([(PointLots.ExpireKey(past[0].Id), -100L), (PointLots.ExpireKey(past[1].Id), -50L)],
            expired.OrderBy(e => e.Points).Select(e => (e.SourceKey, e.Points)));
        Assert.Equal(past[0].RecordedAt + LoyaltyFixture.ExpireAfter, expired.Single(e => e.Points == -100).At, TimeSpan.FromMilliseconds(1));
        Assert.Equal((100L, 100L), (member.Balance, (await EntriesOfAsync(member.Id)).Sum(e => e.Points)));
        Assert.Equal(100, (await LoyaltyFixture.MeAsync(client)).PointsBalance);
        Assert.Contains(await LoyaltyFixture.LedgerAsync(client), e => e.Kind == LedgerKinds.Expire && e.Points == -50);
    }

    [Fact]
    public async Task Should_never_expire_more_than_the_balance_and_start_pending_points_clock_at_their_confirmation()
    {
        var (customerId, email, _) = fixture.NewCustomer();
        // 100 earned and spent; 150 confirmed points reversed after that (the balance at -150); 120 earned, all of them paying
        // the debt: long ago, yet nothing is left of them to expire. An order's 500 pending points, earned 150 days ago but
        // confirmed 50 days ago, pay the last 30 and are 50 days old: 470 that do not expire yet.
        await fixture.HistoryAsync(email, customerId,
            (LedgerKinds.Adjustment, 100, 0, 200), (LedgerKinds.Redeem, -100, 0, 190), (LedgerKinds.Reverse, -150, 0, 180),
            (LedgerKinds.Adjustment, 120, 0, 170), (LedgerKinds.PendingEarn, 0, 500, 150), (LedgerKinds.Confirm, 500, -500, 50));

        await Task.WhenAll(fixture.SweepAsync(), fixture.SweepAsync());
        await Task.Delay(Quiet);

        var member = (await fixture.MemberAsync(email))!;
        var entries = await EntriesOfAsync(member.Id);
        Assert.DoesNotContain(entries, e => e.Kind == LedgerKinds.Expire);
        Assert.Equal((470L, 470L), (member.Balance, entries.Sum(e => e.Points)));
        Assert.Empty(fixture.ExpiryEmailsTo(email));
    }

    [Fact]
    public async Task Should_tell_the_member_once_per_lot_and_show_what_expires_soon()
    {
        var (customerId, email, client) = fixture.NewCustomer();
        // 80 of 200 earned 95 days ago spent: 120 expire in 5 days; 60 earned 93 days ago expire in 7; 40 earned 10 days ago do
        // not soon; 30 enter the warning window 5 seconds from now.
        var soon = TimeSpan.FromSeconds(5);
        var past = await fixture.HistoryAsync(email, customerId,
            (LedgerKinds.Adjustment, 200, 0, 95), (LedgerKinds.Adjustment, 60, 0, 93),
            (LedgerKinds.Adjustment, 30, 0, (LoyaltyFixture.ExpireAfter - LoyaltyFixture.WarnBefore - soon).TotalDays),
            (LedgerKinds.Adjustment, 40, 0, 10), (LedgerKinds.Redeem, -80, 0, 5));

        var me = await LoyaltyFixture.MeAsync(client);
        Assert.Equal(
            [new LoyaltyApi.ExpiringPoints(120, past[0].RecordedAt + LoyaltyFixture.ExpireAfter), new LoyaltyApi.ExpiringPoints(60, past[1].RecordedAt + LoyaltyFixture.ExpireAfter)],
            me.ExpiringSoon.Select(p => p with { ExpiresAt = p.ExpiresAt.ToUniversalTime() }),
            (a, b) => a.Points == b.Points && (a.ExpiresAt - b.ExpiresAt).Duration() < TimeSpan.FromMilliseconds(1));
        Assert.Equal(250, me.PointsBalance);

        await Task.WhenAll(fixture.SweepAsync(), fixture.SweepAsync());
        var sent = await fixture.Events.WaitForAsync<SendEmail>(
            e => e.Template == EmailTemplates.LoyaltyPointsExpiring && e.To == MemberLedger.NormalizeEmail(email), "the expiry warning");
        await fixture.SweepAsync();
        // The 30 points' turn: the member is due again, and is told about those only.
        await fixture.WaitUntilAsync(_ => Task.FromResult(fixture.ExpiryEmailsTo(email).Count >= 2), "the second expiry warning", soon * 4);
        await Task.WhenAll(fixture.SweepAsync(), fixture.SweepAsync());
        await Task.Delay(Quiet);

        Assert.Equal(2, fixture.ExpiryEmailsTo(email).Count);
        var second = fixture.ExpiryEmailsTo(email)[1];
        var member = (await fixture.MemberAsync(email))!;
        Assert.Equal((PointsExpiry.WarningNotificationId(member.Id, past[2].Id), "30"), (second.NotificationId, second.Variables["points"]));
        Assert.Equal((PointsExpiry.WarningNotificationId(member.Id, past[0].Id), customerId, "180"),
            (sent.NotificationId, sent.CustomerId, sent.Variables["points"]));
        Assert.Equal(past[0].RecordedAt + LoyaltyFixture.ExpireAfter, DateTimeOffset.Parse(sent.Variables["expiresAt"]), TimeSpan.FromMilliseconds(1));
        Assert.EndsWith("/loyalty", sent.Variables["loyaltyLink"]);
        Assert.Equal(3, await fixture.ReadAsync(db => db.ExpiryWarnings.CountAsync(w => w.MemberId == member.Id)));
        Assert.DoesNotContain(await EntriesOfAsync(member.Id), e => e.Kind == LedgerKinds.Expire);
    }

    [Fact]
    public async Task Should_give_an_unused_expired_codes_points_back_once_and_nothing_for_a_used_one()
    {
        var (customerId, email, client) = fixture.NewCustomer();
        await fixture.GrantAsync(customerId, email, 10);
        var unused = await RedeemAsync(client, "blink");
        var used = await RedeemAsync(client, "blink");
        var store = fixture.Store();
        var order = new { orderId = $"X-{Guid.NewGuid():N}", customerEmail = email, orderTotal = 20 };
        Assert.Equal(HttpStatusCode.OK, (await store.PostAsJsonAsync($"/api/loyalty/codes/{used}/redemptions", order)).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        await Task.WhenAll(fixture.SweepAsync(), fixture.SweepAsync());
        await fixture.WaitForSourceKeyAsync(PointsExpiry.CodeReturnKey(unused));
        await Task.Delay(Quiet);

        var member = (await fixture.MemberAsync(email))!;
        var returned = Assert.Single(await EntriesOfAsync(member.Id), e => e.Kind == LedgerKinds.CodeReturn);
        Assert.Equal((1L, PointsExpiry.CodeReturnKey(unused)), (returned.Points, returned.SourceKey));
        Assert.Equal((9L, 9L), (member.Balance, (await EntriesOfAsync(member.Id)).Sum(e => e.Points)));
        Assert.NotNull(await fixture.ReadAsync(db => db.RewardCodes.Where(c => c.Code == unused).Select(c => c.ReturnedAt).SingleAsync()));
        Assert.Null(await fixture.ReadAsync(db => db.RewardCodes.Where(c => c.Code == used).Select(c => c.ReturnedAt).SingleAsync()));

        // The store cannot use the code whose points came back; the used one still answers its own order.
        var late = new { orderId = $"Y-{Guid.NewGuid():N}", customerEmail = email, orderTotal = 20 };
        Assert.Equal(HttpStatusCode.NotFound, (await store.PostAsJsonAsync($"/api/loyalty/codes/{unused}/redemptions", late)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await store.PostAsJsonAsync($"/api/loyalty/codes/{used}/redemptions", order)).StatusCode);
        // Given back points are no earning: the tier stays where it was.
        Assert.Equal("Member", (await LoyaltyFixture.MeAsync(client)).Tier);
    }

    private static async Task<string> RedeemAsync(HttpClient client, string rewardId)
    {
        var redeemed = await client.PostAsync($"/api/loyalty/rewards/{rewardId}/redeem", null);
        Assert.Equal(HttpStatusCode.Created, redeemed.StatusCode);
        return (await redeemed.Content.ReadFromJsonAsync<RewardsApi.RedeemedView>())!.Code;
    }
}
