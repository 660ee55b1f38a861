using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.Loyalty.Rewards;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Loyalty.Tests;

/// <summary>
/// Redeeming turns points into a reward's unique single-use code: the catalogue comes from configuration, a balance
/// below the cost gets a 409 and writes nothing, and of many redemptions racing for the last points exactly one wins.
/// </summary>
[Collection(LoyaltyCollection.Name)]
public sealed class When_points_are_redeemed(LoyaltyFixture fixture)
{
    [Fact]
    public async Task Should_let_exactly_one_of_100_concurrent_redemptions_take_the_last_points()
    {
        var (customerId, email, client) = fixture.NewCustomer();
        await fixture.GrantAsync(customerId, email, 500);

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => client.PostAsync("/api/loyalty/rewards/ten-off/redeem", null)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(99, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var redeemed = await responses.Single(r => r.StatusCode == HttpStatusCode.Created).Content.ReadFromJsonAsync<RewardsApi.RedeemedView>();
        var member = (await fixture.MemberAsync(email))!;
        var entries = await fixture.ReadAsync(db => db.LedgerEntries.Where(e => e.MemberId == member.Id).ToListAsync());
        Assert.Equal((0L, 0L), (member.Balance, entries.Sum(e => e.Points)));
        Assert.Equal(-500L, Assert.Single(entries, e => e.Kind == LedgerKinds.Redeem).Points);

        var code = Assert.Single((await client.GetFromJsonAsync<List<RewardsApi.CodeView>>("/api/loyalty/me/codes"))!);
        Assert.Equal((redeemed!.Code, "ten-off", RewardKinds.PercentDiscount, 10m, (DateTimeOffset?)null),
            (code.Code, code.RewardId, code.Kind, code.Value, code.UsedAt));
        Assert.Equal(12, code.Code.Length);
        Assert.InRange(redeemed.ExpiresAt - code.CreatedAt, TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1), TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await LoyaltyFixture.MeAsync(client)).PointsBalance);
    }

    [Fact]
    public async Task Should_give_distinct_codes_while_the_balance_lasts_and_nothing_to_anyone_else()
    {
        var (customerId, email, client) = fixture.NewCustomer();
        await fixture.GrantAsync(customerId, email, 450);
        var first = await client.PostAsync("/api/loyalty/rewards/free-shipping/redeem", null);
        var second = await client.PostAsync("/api/loyalty/rewards/free-shipping/redeem", null);
        var third = await client.PostAsync("/api/loyalty/rewards/free-shipping/redeem", null);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Conflict), (first.StatusCode, second.StatusCode, third.StatusCode));
        Assert.NotEqual((await first.Content.ReadFromJsonAsync<RewardsApi.RedeemedView>())!.Code,
            (await second.Content.ReadFromJsonAsync<RewardsApi.RedeemedView>())!.Code);
        Assert.Equal(50, (await LoyaltyFixture.MeAsync(client)).PointsBalance);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/loyalty/rewards/no-such-reward/redeem", null)).StatusCode);

        // Another customer: no points, so a 409 that writes nothing, and none of these codes.
        var (_, otherEmail, other) = fixture.NewCustomer();
        Assert.Equal(HttpStatusCode.Conflict, (await other.PostAsync("/api/loyalty/rewards/free-shipping/redeem", null)).StatusCode);
        Assert.Empty((await other.GetFromJsonAsync<List<RewardsApi.CodeView>>("/api/loyalty/me/codes"))!);
        Assert.Null(await fixture.MemberAsync(otherEmail));

        var catalogue = (await client.GetFromJsonAsync<List<RewardsApi.RewardView>>("/api/loyalty/rewards"))!;
        Assert.Equal(["blink", "free-shipping", "ten-off"], catalogue.Select(r => r.RewardId));
        Assert.Equal(("10 % off your next order", RewardKinds.PercentDiscount, 10m, 500L),
            (catalogue[2].Name, catalogue[2].Kind, catalogue[2].Value, catalogue[2].Cost));
    }
}
