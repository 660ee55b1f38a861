using System.Net.Http.Json;
using System.Net;
using CustomerPlatform.Loyalty.Ledger;

namespace CustomerPlatform.Loyalty.Tests;

/// <summary><c>GET /api/loyalty/me</c> and <c>/me/ledger</c>: the caller's own points only, and a bad limit named.</summary>
[Collection(LoyaltyCollection.Name)]
public sealed class When_a_member_reads_their_points(LoyaltyFixture fixture)
{
    [Fact]
    public async Task Should_show_nothing_of_another_customers_points()
    {
        var (customerId, email, _) = fixture.NewCustomer();
        var order = await fixture.PlaceAsync(LoyaltyFixture.NewOrder(customerId, email));

        // Another customer, even one whose token carries the same address, sees an empty membership.
        var (_, _, other) = fixture.NewCustomer();
        var sameAddress = fixture.CreateClient(Guid.NewGuid(), Roles.Customer);
        sameAddress.DefaultRequestHeaders.Add(TestAuthHandler.EmailHeader, email);
        foreach (var client in new[] { other, sameAddress })
        {
            var me = await LoyaltyFixture.MeAsync(client);
            Assert.Equal((0L, 0L, "Member", "Silver", 100L), (me.PointsBalance, me.PendingPoints, me.Tier, me.NextTier, me.PointsToNextTier));
            Assert.Empty(me.ExpiringSoon);
            Assert.Empty(await LoyaltyFixture.LedgerAsync(client));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Service.CreateClient().GetAsync("/api/loyalty/me")).StatusCode);
    }

    [Fact]
    public async Task Should_name_a_bad_limit()
    {
        var (customerId, email, client) = fixture.NewCustomer();
        foreach (var limit in new[] { "0", "201", "many" })
            await ApiAssert.BadRequestNamingAsync(await client.GetAsync($"/api/loyalty/me/ledger?limit={limit}"), "limit");

        await fixture.PlaceAsync(LoyaltyFixture.NewOrder(customerId, email));
        var second = await fixture.PlaceAsync(LoyaltyFixture.NewOrder(customerId, email));
        var newest = Assert.Single((await client.GetFromJsonAsync<List<LoyaltyApi.LedgerEntryView>>("/api/loyalty/me/ledger?limit=1"))!);
        Assert.Equal(second.OrderId, newest.OrderId);
    }
}
