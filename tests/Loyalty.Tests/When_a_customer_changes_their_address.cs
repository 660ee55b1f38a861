using System.Net.Http.Json;
using CustomerPlatform.Loyalty.Ledger;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Loyalty.Tests;

/// <summary>
/// A customer keeps one member when Identity changes their address (ADR-033): the member takes the new address, keeps
/// its points, and orders to either address land on it; a guest member of the new address is folded into it.
/// </summary>
[Collection(LoyaltyCollection.Name)]
public sealed class When_a_customer_changes_their_address(LoyaltyFixture fixture)
{
    [Fact]
    public async Task Should_keep_one_member_with_its_points()
    {
        var (customerId, email, client) = await fixture.SignedUpCustomerAsync();
        await fixture.GrantAsync(customerId, email, 300);
        await fixture.PlaceAsync(LoyaltyFixture.NewOrder(customerId, email));
        var before = await LoyaltyFixture.MeAsync(client);
        Assert.Equal((300L, LoyaltyFixture.OrderPoints), (before.PointsBalance, before.PendingPoints));

        var newEmail = $"Moved.{customerId:N}@Example.com";
        await fixture.ChangeEmailAsync(customerId, email, newEmail);
        Assert.Equal(before, await LoyaltyFixture.MeAsync(client) with { ExpiringSoon = before.ExpiringSoon });

        // Orders with the new address, as a guest or signed in, and one signed in with the old one, land on the same member.
        await fixture.PlaceAsync(LoyaltyFixture.NewOrder(null, newEmail));
        await fixture.PlaceAsync(LoyaltyFixture.NewOrder(customerId, newEmail));
        await fixture.PlaceAsync(LoyaltyFixture.NewOrder(customerId, email));
        var member = Assert.Single(await fixture.MembersOfAsync(customerId));
        Assert.Equal((MemberLedger.NormalizeEmail(newEmail), 300L, 4 * LoyaltyFixture.OrderPoints), (member.Email, member.Balance, member.Pending));
        Assert.Equal(4 * LoyaltyFixture.OrderPoints, (await LoyaltyFixture.MeAsync(client)).PendingPoints);
        Assert.Null(await fixture.MemberAsync(email));
    }

    [Fact]
    public async Task Should_fold_a_guest_member_of_the_new_address_into_the_customers()
    {
        var (customerId, email, client) = await fixture.SignedUpCustomerAsync();
        var own = await fixture.PlaceAsync(LoyaltyFixture.NewOrder(customerId, email));
        var newEmail = $"Guest.{customerId:N}@Example.com";
        var guest = await fixture.PlaceAsync(LoyaltyFixture.NewOrder(null, newEmail));
        var guestMember = (await fixture.MemberAsync(newEmail))!;
        Assert.Null(guestMember.CustomerId);

        await fixture.ChangeEmailAsync(customerId, email, newEmail);

        // Whether the guest order was confirmed before the fold or after it, its points end up on the customer's member.
        await fixture.WaitForEntryAsync(own.OrderId, LedgerKinds.Confirm);
        await fixture.WaitForEntryAsync(guest.OrderId, LedgerKinds.Confirm);
        var member = Assert.Single(await fixture.MembersOfAsync(customerId));
        Assert.Equal((MemberLedger.NormalizeEmail(newEmail), 2 * LoyaltyFixture.OrderPoints, 0L), (member.Email, member.Balance, member.Pending));
        Assert.Equal(2 * LoyaltyFixture.OrderPoints, (await LoyaltyFixture.MeAsync(client)).PointsBalance);
        var folded = await fixture.ReadAsync(db => db.Members.SingleAsync(m => m.Id == guestMember.Id));
        Assert.Equal(($"folded:{guestMember.Id:N}", 0L, 0L), (folded.Email, folded.Balance, folded.Pending));

        // Every member's running sums are still its entries' sums.
        foreach (var id in new[] { member.Id, folded.Id })
        {
            var sums = await fixture.ReadAsync(db => db.LedgerEntries.Where(e => e.MemberId == id)
                .GroupBy(e => e.MemberId).Select(g => new { Points = g.Sum(e => e.Points), Pending = g.Sum(e => e.PendingPoints) }).SingleAsync());
            var row = await fixture.ReadAsync(db => db.Members.SingleAsync(m => m.Id == id));
            Assert.Equal((sums.Points, sums.Pending), (row.Balance, row.Pending));
        }
    }

    [Fact]
    public async Task Should_take_the_new_address_pop_up_code_along_so_the_store_still_redeems_it()
    {
        var (customerId, email, client) = await fixture.SignedUpCustomerAsync();
        var newEmail = $"PopUp.{customerId:N}@Example.com";
        Assert.Equal(System.Net.HttpStatusCode.Accepted,
            (await fixture.Anonymous().PostAsJsonAsync("/api/loyalty/captures", new { email = newEmail, consent = true })).StatusCode);
        var code = (await fixture.ReadAsync(db => db.Captures.SingleAsync(c => c.Email == MemberLedger.NormalizeEmail(newEmail)))).Code;

        await fixture.ChangeEmailAsync(customerId, email, newEmail);

        Assert.Contains(code, (await client.GetFromJsonAsync<List<Rewards.RewardsApi.CodeView>>("/api/loyalty/me/codes"))!.Select(c => c.Code));
        var used = await fixture.Store().PostAsJsonAsync($"/api/loyalty/codes/{code}/redemptions",
            new { orderId = $"F-{customerId:N}", customerEmail = newEmail, orderTotal = 30 });
        Assert.Equal(System.Net.HttpStatusCode.OK, used.StatusCode);
    }

    [Fact]
    public async Task Should_ignore_an_older_change_delivered_late()
    {
        var (customerId, email, _) = await fixture.SignedUpCustomerAsync();
        var (second, third) = ($"Second.{customerId:N}@Example.com", $"Third.{customerId:N}@Example.com");
        await fixture.ChangeEmailAsync(customerId, second, third);
        await fixture.Bus.Publish(new Contracts.Identity.CustomerEmailChanged
        {
            CustomerId = customerId, OldEmail = email, NewEmail = second, ChangedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        });
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(MemberLedger.NormalizeEmail(third), Assert.Single(await fixture.MembersOfAsync(customerId)).Email);
    }
}
