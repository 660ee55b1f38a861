using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.Loyalty.Rewards;

namespace CustomerPlatform.Loyalty.Tests;

/// <summary>
/// The store's routes: a reward code is used once, for one order (the same order again: 200; another: 409; unknown, expired
/// or another customer's: 404), and an address's benefits come from its tier.
/// </summary>
[Collection(LoyaltyCollection.Name)]
public sealed class When_the_store_uses_a_code(LoyaltyFixture fixture)
{
    private async Task<(string Email, HttpClient Customer, string Code)> CodeAsync(string rewardId, long points)
    {
        var (customerId, email, client) = fixture.NewCustomer();
        await fixture.GrantAsync(customerId, email, points);
        var redeemed = await client.PostAsync($"/api/loyalty/rewards/{rewardId}/redeem", null);
        Assert.Equal(HttpStatusCode.Created, redeemed.StatusCode);
        return (email, client, (await redeemed.Content.ReadFromJsonAsync<RewardsApi.RedeemedView>())!.Code);
    }

    private static Task<HttpResponseMessage> UseAsync(HttpClient store, string code, object body) =>
        store.PostAsJsonAsync($"/api/loyalty/codes/{code}/redemptions", body);

    [Fact]
    public async Task Should_use_a_code_for_one_order_only()
    {
        var (email, customer, code) = await CodeAsync("free-shipping", 200);
        var store = fixture.Store();

        await ApiAssert.BadRequestNamingAsync(await UseAsync(store, code, new { orderId = "no spaces", customerEmail = email, orderTotal = 10 }), "orderId");
        await ApiAssert.BadRequestNamingAsync(await UseAsync(store, code, new { orderId = "A-1", customerEmail = "nobody", orderTotal = 10 }), "customerEmail");
        await ApiAssert.BadRequestNamingAsync(await UseAsync(store, code, new { orderId = "A-1", customerEmail = email, orderTotal = -1 }), "orderTotal");
        await ApiAssert.BadRequestNamingAsync(await UseAsync(store, code, new { orderId = "A-1", customerEmail = email, orderTotal = "ten" }), "orderTotal");
        Assert.Equal(HttpStatusCode.NotFound, (await UseAsync(store, code, new { orderId = "A-1", customerEmail = "someone@else.test", orderTotal = 10 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UseAsync(store, "NOSUCHCODE99", new { orderId = "A-1", customerEmail = email, orderTotal = 10 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await UseAsync(customer, code, new { orderId = "A-1", customerEmail = email, orderTotal = 10 })).StatusCode);
        Assert.Null(Assert.Single((await customer.GetFromJsonAsync<List<RewardsApi.CodeView>>("/api/loyalty/me/codes"))!).UsedAt);

        var orderId = $"A-{Guid.NewGuid():N}";
        var used = await UseAsync(store, code.ToLowerInvariant(), new { orderId, customerEmail = email.ToUpperInvariant(), orderTotal = 42.5 });
        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        Assert.Equal(new StoreApi.CodeRedemptionView(code, RewardKinds.FreeShipping, 0m, true), await used.Content.ReadFromJsonAsync<StoreApi.CodeRedemptionView>());
        Assert.Equal(HttpStatusCode.OK, (await UseAsync(store, code, new { orderId, customerEmail = email, orderTotal = 42.5 })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await UseAsync(store, code, new { orderId = "B-2", customerEmail = email, orderTotal = 10 })).StatusCode);
        Assert.NotNull(Assert.Single((await customer.GetFromJsonAsync<List<RewardsApi.CodeView>>("/api/loyalty/me/codes"))!).UsedAt);
    }

    [Fact]
    public async Task Should_use_a_code_once_when_orders_race_for_it_and_not_once_expired()
    {
        var (email, _, code) = await CodeAsync("ten-off", 500);
        var store = fixture.Store();
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => UseAsync(store, code, new { orderId = $"R-{i}", customerEmail = email, orderTotal = 10 })));
        Assert.Equal((1, 19), (responses.Count(r => r.StatusCode == HttpStatusCode.OK), responses.Count(r => r.StatusCode == HttpStatusCode.Conflict)));

        var (blinkEmail, _, blink) = await CodeAsync("blink", 1);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(HttpStatusCode.NotFound, (await UseAsync(store, blink, new { orderId = "E-1", customerEmail = blinkEmail, orderTotal = 10 })).StatusCode);
    }

    [Fact]
    public async Task Should_give_an_address_its_tiers_benefits()
    {
        var (customerId, email, _) = fixture.NewCustomer();
        var order = await fixture.PlaceAsync(LoyaltyFixture.NewOrder(customerId, email));
        await fixture.WaitForEntryAsync(order.OrderId, LedgerKinds.Confirm);
        var store = fixture.Store();

        var benefits = await store.GetFromJsonAsync<StoreApi.BenefitsView>($"/api/loyalty/members/{Uri.EscapeDataString(email)}/benefits");
        Assert.Equal(new StoreApi.BenefitsView("Silver", true, false, LoyaltyFixture.OrderPoints), benefits);
        Assert.Equal(new StoreApi.BenefitsView("Member", false, false, 0),
            await store.GetFromJsonAsync<StoreApi.BenefitsView>("/api/loyalty/members/never.bought%40example.com/benefits"));
        await ApiAssert.BadRequestNamingAsync(await store.GetAsync("/api/loyalty/members/nobody/benefits"), "email");
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.NewCustomer().Client.GetAsync($"/api/loyalty/members/{Uri.EscapeDataString(email)}/benefits")).StatusCode);
    }
}
