using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Loyalty;
using CustomerPlatform.Contracts.Ticketing;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Tests;

/// <summary>
/// The support desk keeps each customer's loyalty tier from Loyalty's changes (ADR-039), the newest change winning whatever
/// order they arrive in; a routing rule may ask for a tier (Gold customers' tickets to their own queue, raised to high), and
/// the context beside a ticket shows it.
/// </summary>
[Collection(TicketingCollection.Name)]
public sealed class When_a_customers_loyalty_tier_is_known(TicketingFixture fixture)
{
    private sealed record Opened(Guid TicketId);

    [Fact]
    public async Task Should_route_a_gold_customers_ticket_by_the_tier_rule_and_show_the_tier_beside_it()
    {
        var (gil, _) = await fixture.AgentAsync("Gil Gold", TicketingFixture.GoldQueue, capacity: 5, available: true);
        var customerId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var gold = Changed(customerId, "Silver", TicketingFixture.GoldTier, now);
        await fixture.Bus.Publish(gold);
        await fixture.Bus.Publish(gold);
        await fixture.WaitUntilAsync(db => db.CustomerLoyaltyTiers.AnyAsync(t => t.CustomerId == customerId && t.Tier == TicketingFixture.GoldTier), "the Gold tier");
        // An older change delivered late (Member to Silver, before Gold) does not take the tier back.
        await fixture.Bus.Publish(Changed(customerId, "Member", "Silver", now.AddMinutes(-5)));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(TicketingFixture.GoldTier, await fixture.ReadAsync(db => db.CustomerLoyaltyTiers.Where(t => t.CustomerId == customerId).Select(t => t.Tier).SingleAsync()));

        var ticket = await OpenAsync(customerId, "Where is my parcel?");
        var plain = await OpenAsync(Guid.NewGuid(), "Where is my parcel?");

        Assert.Equal((TicketingFixture.GoldQueue, "high", gil), (ticket.HomeQueue, ticket.Priority, ticket.AssigneeId));
        Assert.Equal(("support", "normal"), (plain.HomeQueue, plain.Priority));
        var admin = fixture.CreateClient(Guid.NewGuid(), Roles.Admin);
        var context = await admin.GetFromJsonAsync<TicketContext>($"/api/support/tickets/{ticket.TicketId}/context");
        Assert.Equal(TicketingFixture.GoldTier, context!.LoyaltyTier);
        Assert.Null((await admin.GetFromJsonAsync<TicketContext>($"/api/support/tickets/{plain.TicketId}/context"))!.LoyaltyTier);
        var routing = await admin.GetFromJsonAsync<RoutingApi.RoutingView>("/api/support/routing");
        var rule = Assert.Single(routing!.Rules, r => r.Queue == TicketingFixture.GoldQueue);
        Assert.Equal([TicketingFixture.GoldTier], rule.Tiers);
        Assert.Equal("high", rule.Priority);
    }

    [Fact]
    public async Task Should_take_a_newer_change_down_and_ignore_a_guest_members()
    {
        var customerId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await fixture.Bus.Publish(Changed(customerId, "Silver", "Gold", now));
        await fixture.WaitUntilAsync(db => db.CustomerLoyaltyTiers.AnyAsync(t => t.CustomerId == customerId && t.Tier == "Gold"), "the Gold tier");

        await fixture.Bus.Publish(Changed(customerId, "Gold", "Silver", now.AddSeconds(1)) with { Direction = TierDirections.Down });
        await fixture.Bus.Publish(Changed(null, "Silver", "Gold", now.AddSeconds(2)));

        await fixture.WaitUntilAsync(db => db.CustomerLoyaltyTiers.AnyAsync(t => t.CustomerId == customerId && t.Tier == "Silver"), "the way down to Silver");
    }

    [Theory]
    [InlineData("gold", true)]
    [InlineData("Silver", false)]
    [InlineData(null, false)]
    public void Should_match_a_tier_rule_only_for_a_customer_of_that_tier(string? tier, bool matches)
    {
        var rule = new RoutingRuleOptions { Tiers = ["Gold", "Platinum"], Queue = "vip" };
        var ticket = new Ticket { Kind = TicketKinds.Request, Subject = "Hello", Channel = "web" };
        Assert.Equal(matches, TicketRouter.Matches(rule, ticket, tier));
    }

    private static LoyaltyTierChanged Changed(Guid? customerId, string from, string to, DateTimeOffset at) => new()
    {
        MemberId = Guid.NewGuid(), CustomerId = customerId, Email = "member@example.com", EntryId = Guid.NewGuid(), FromTier = from, ToTier = to,
        Direction = TierDirections.Up, ChangedAt = at,
    };

    /// <summary>A customer's new request through the contact form, as the routing left it (read by an admin).</summary>
    private async Task<TicketDetails> OpenAsync(Guid customerId, string subject)
    {
        var response = await fixture.CreateCustomer(customerId).PostAsJsonAsync("/api/support/tickets", new { subject, body = "Please help." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var opened = await response.Content.ReadFromJsonAsync<Opened>();
        var admin = fixture.CreateClient(Guid.NewGuid(), Roles.Admin);
        return (await admin.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{opened!.TicketId}"))!;
    }
}
