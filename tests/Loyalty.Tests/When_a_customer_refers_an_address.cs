using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.Loyalty.Referrals;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Loyalty.Tests;

/// <summary>
/// A customer refers an address (ADR-037): the first referrer of an address is the one paid, once, the programme's
/// referral points (100 by default) when the address's first order is placed; nobody refers themselves or an address that
/// is a customer's or has ordered.
/// </summary>
[Collection(LoyaltyCollection.Name)]
public sealed class When_a_customer_refers_an_address(LoyaltyFixture fixture)
{
    private const string Route = "/api/loyalty/me/referrals";

    [Fact]
    public async Task Should_pay_the_first_referrer_once_when_the_address_places_its_first_order()
    {
        var (referrerId, _, referrer) = await fixture.SignedUpCustomerAsync();
        var (_, _, second) = await fixture.SignedUpCustomerAsync();
        var friend = $"Friend.{Guid.NewGuid():N}@Example.com";
        Assert.Equal(HttpStatusCode.Accepted, (await referrer.PostAsJsonAsync(Route, new { email = friend })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await referrer.PostAsJsonAsync(Route, new { email = friend.ToUpperInvariant() })).StatusCode);
        var late = await second.PostAsJsonAsync(Route, new { email = friend });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("Already referred", (await late.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);

        // The friend's first order (as a guest), delivered twice, then a second order: one payment.
        var first = LoyaltyFixture.NewOrder(null, friend);
        await fixture.PublishTwiceAsync(first);
        await fixture.WaitForSourceKeyAsync(ReferralsApi.SourceKey(MemberLedger.NormalizeEmail(friend)));
        await fixture.PlaceAsync(LoyaltyFixture.NewOrder(null, friend));
        var paid = Assert.Single(await fixture.CustomerEntriesAsync(referrerId), e => e.Kind == LedgerKinds.Earn);
        Assert.Equal(100, paid.Points);
        Assert.NotNull(paid.ProgrammeVersion);
        Assert.Equal(100, (await LoyaltyFixture.MeAsync(referrer)).PointsBalance);
        Assert.Equal(0, (await LoyaltyFixture.MeAsync(second)).PointsBalance);
        Assert.Equal(first.OrderId, (await fixture.ReadAsync(db => db.Referrals.SingleAsync(r => r.Email == MemberLedger.NormalizeEmail(friend)))).RewardedOrderId);

        // Now it has ordered: no one can refer it any more.
        var (_, _, third) = await fixture.SignedUpCustomerAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await third.PostAsJsonAsync(Route, new { email = friend })).StatusCode);
    }

    [Fact]
    public async Task Should_refuse_oneself_a_customer_and_a_bad_address()
    {
        var (_, email, client) = await fixture.SignedUpCustomerAsync();
        var (_, customerEmail, _) = await fixture.SignedUpCustomerAsync();
        foreach (var (body, status) in new (object, HttpStatusCode)[]
        {
            (new { email }, HttpStatusCode.BadRequest),
            (new { email = "not an address" }, HttpStatusCode.BadRequest),
            (new { }, HttpStatusCode.BadRequest),
            (new { email = customerEmail }, HttpStatusCode.Conflict),
        })
        {
            var response = await client.PostAsJsonAsync(Route, body);
            Assert.Equal(status, response.StatusCode);
        }
        Assert.Equal(0, await fixture.ReadAsync(db => db.Referrals.CountAsync(r => r.Email == MemberLedger.NormalizeEmail(customerEmail))));
    }
}
