using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Customers;
using CustomerPlatform.Contracts.Customers.Views;
using CustomerPlatform.Contracts.Onboarding;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Tests;

/// <summary>
/// Beside a ticket, staff who may read it see its requester: their CSM, latest orders from the support desk's copy,
/// their other tickets the caller may open, the sentiment of their latest messages and their CSAT. Customers are
/// refused (403); staff who may not see the ticket are told it does not exist (404).
/// </summary>
[Collection(TicketingCollection.Name)]
public sealed class When_staff_read_the_context(TicketingFixture fixture)
{
    private static string Context(Guid ticketId) => $"/api/support/tickets/{ticketId}/context";

    [Fact]
    public async Task Should_show_the_requesters_csm_latest_orders_visible_tickets_sentiment_and_ratings()
    {
        var customer = Guid.NewGuid();
        var agentId = await fixture.AddStaffAsync("Cleo Context", Roles.Agent);
        var colleague = await fixture.AddStaffAsync("Otto Other", Roles.Agent);
        var agent = fixture.CreateClient(agentId, Roles.Agent);
        var requester = fixture.CreateCustomer(customer);
        await fixture.Bus.Publish(new SuccessManagerAssigned
        {
            CustomerId = customer, SuccessManagerId = Guid.NewGuid(), SuccessManagerName = "Casey Success", SuccessManagerEmail = "casey@customerplatform.test",
            AssignedAt = DateTimeOffset.UtcNow,
        });
        var placed = DateTimeOffset.UtcNow.AddDays(-10);
        var orders = new List<string>();
        for (var day = 1; day <= 6; day++)
            orders.Add(await PlaceAsync(customer, placed.AddDays(day), total: 10m * day));
        await PlaceAsync(Guid.NewGuid(), placed.AddDays(9), total: 99m); // someone else's
        await fixture.Bus.Publish(new OrderDelivered { OrderId = orders[4], Email = "ann@example.com", CustomerId = customer, At = placed.AddDays(7) });
        await fixture.Bus.Publish(new OrderCancelled { OrderId = orders[5], Email = "ann@example.com", CustomerId = customer, At = placed.AddDays(7) });

        var current = await fixture.OpenAsync(TicketingFixture.NewTicket(customer, agentId) with { Subject = "Where is my parcel?" });
        var queued = new List<Guid>();
        for (var i = 1; i <= 6; i++)
            queued.Add((await fixture.OpenAsync(TicketingFixture.NewTicket(customer, null) with { Subject = $"Question {i}" })).TicketId);
        var colleagues = await fixture.OpenAsync(TicketingFixture.NewTicket(customer, colleague) with { Subject = "For Otto" });
        await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), null)); // someone else's

        // Eleven plain messages, then a happy and an angry one: with the eight opening messages, 21 by the customer.
        for (var i = 0; i < 11; i++)
            (await requester.PostAsJsonAsync($"/api/support/tickets/{current.TicketId}/messages", new { body = "Any news on my parcel?" })).EnsureSuccessStatusCode();
        (await requester.PostAsJsonAsync($"/api/support/tickets/{current.TicketId}/messages", new { body = "Thank you, that is wonderful and very helpful!" })).EnsureSuccessStatusCode();
        (await requester.PostAsJsonAsync($"/api/support/tickets/{current.TicketId}/messages", new { body = "This is awful, useless and I am very angry!" })).EnsureSuccessStatusCode();
        foreach (var (ticketId, score) in new[] { (queued[0], 5), (queued[1], 2) })
        {
            (await agent.PatchAsJsonAsync($"/api/support/tickets/{ticketId}", new { status = TicketStatuses.Solved })).EnsureSuccessStatusCode();
            ApiAssert.Status(HttpStatusCode.Accepted, await requester.PostAsJsonAsync($"/api/support/tickets/{ticketId}/satisfaction", new { score }));
        }
        await fixture.WaitUntilAsync(db => db.CustomerManagers.AnyAsync(m => m.CustomerId == customer), "the CSM");
        await fixture.WaitUntilAsync(db => db.SupportOrders.AnyAsync(o => o.OrderId == orders[4] && o.DeliveredAt != null), "the delivery");
        await fixture.WaitUntilAsync(db => db.SupportOrders.AnyAsync(o => o.OrderId == orders[5] && o.CancelledAt != null), "the cancellation");

        var response = await agent.GetAsync(Context(current.TicketId));

        ApiAssert.Status(HttpStatusCode.OK, response);
        var context = (await response.Content.ReadFromJsonAsync<TicketContext>())!;
        Assert.Equal((customer, "Ann Example", "ann@example.com"), (context.Requester.CustomerId, context.Requester.Name, context.Requester.Email));
        Assert.Equal(("Casey Success", "casey@customerplatform.test"), (context.SuccessManager?.Name, context.SuccessManager?.Email));
        Assert.Null(context.LoyaltyTier);
        Assert.Equal(
            [(orders[5], OrderStatuses.Cancelled, 60m), (orders[4], OrderStatuses.Delivered, 50m), (orders[3], OrderStatuses.Placed, 40m),
             (orders[2], OrderStatuses.Placed, 30m), (orders[1], OrderStatuses.Placed, (decimal?)20m)],
            context.RecentOrders.Select(o => (o.OrderId, o.Status, o.Total)));
        Assert.All(context.RecentOrders, o => Assert.Equal("EUR", o.Currency));
        Assert.Equal(placed.AddDays(7).ToUnixTimeSeconds(), context.RecentOrders[1].DeliveredAt?.ToUnixTimeSeconds());
        // The latest five the agent may open: the queue's, not the colleague's (newer) one, nor this one.
        Assert.Equal([.. Enumerable.Range(2, 5).Reverse().Select(i => $"Question {i}")], context.OtherTickets.Select(t => t.Subject));
        Assert.Equal(queued[5], context.OtherTickets[0].TicketId);

        var latest = await fixture.ReadAsync(db => db.Messages
            .Where(m => db.Tickets.Any(t => t.Id == m.TicketId && t.CustomerId == customer) && m.AuthorRole == AuthorRoles.Customer)
            .OrderByDescending(m => m.CreatedAt).Take(20).Select(m => new { m.SentimentScore, m.SentimentLabel }).ToListAsync());
        var sentiment = context.Sentiment;
        Assert.Equal((20, MessageSentiment.Negative), (sentiment.Messages, sentiment.LatestLabel));
        Assert.Equal(
            (latest.Count(m => m.SentimentLabel == MessageSentiment.Positive), latest.Count(m => m.SentimentLabel == MessageSentiment.Neutral),
             latest.Count(m => m.SentimentLabel == MessageSentiment.Negative)),
            (sentiment.Positive, sentiment.Neutral, sentiment.Negative));
        Assert.True(sentiment.Positive >= 1 && sentiment.Negative >= 1, $"{sentiment}");
        Assert.Equal(latest.Average(m => m.SentimentScore!.Value), sentiment.AverageScore!.Value, precision: 3);
        Assert.Equal((2, 3.5), (context.Satisfaction.Ratings, context.Satisfaction.AverageScore));

        // An admin sees every ticket: the colleague's is the newest other one.
        var admin = fixture.CreateClient(Guid.NewGuid(), Roles.Admin);
        var all = await admin.GetFromJsonAsync<TicketContext>(Context(current.TicketId));
        Assert.Equal(colleagues.TicketId, all!.OtherTickets[0].TicketId);
    }

    [Fact]
    public async Task Should_refuse_the_customer_and_hide_the_ticket_from_staff_who_may_not_see_it()
    {
        var customer = Guid.NewGuid();
        var owner = await fixture.AddStaffAsync("Cleo Context", Roles.Agent);
        var ticket = await fixture.OpenAsync(TicketingFixture.NewTicket(customer, owner));
        var queued = await fixture.OpenAsync(TicketingFixture.NewTicket(customer, null));
        var otherAgent = fixture.CreateClient(await fixture.AddStaffAsync("Otto Other", Roles.Agent), Roles.Agent);
        var csm = fixture.CreateClient(await fixture.AddStaffAsync("Casey Success", Roles.SuccessManager), Roles.SuccessManager);

        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.CreateCustomer(customer).GetAsync(Context(ticket.TicketId))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.CreateCustomer(Guid.NewGuid()).GetAsync(Context(ticket.TicketId))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAgent.GetAsync(Context(ticket.TicketId))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await csm.GetAsync(Context(ticket.TicketId))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.CreateClient(Guid.NewGuid(), Roles.Admin).GetAsync(Context(Guid.NewGuid()))).StatusCode);
        // The same agent may read a ticket waiting in the queue, and the owner theirs.
        ApiAssert.Status(HttpStatusCode.OK, await otherAgent.GetAsync(Context(queued.TicketId)));
        ApiAssert.Status(HttpStatusCode.OK, await fixture.CreateClient(owner, Roles.Agent).GetAsync(Context(ticket.TicketId)));
    }

    private async Task<string> PlaceAsync(Guid customer, DateTimeOffset at, decimal total)
    {
        var orderId = "CTX-" + Guid.NewGuid().ToString("N")[..12];
        await fixture.Bus.Publish(new OrderPlaced
        {
            OrderId = orderId, Email = "ann@example.com", CustomerId = customer, At = at, CustomerName = "Ann Example", Currency = "EUR",
            Lines = [new OrderLineItem { Sku = "LAMP", Name = "Lamp", Category = "home", Quantity = 1, UnitPrice = total - 5m }],
            ShippingCost = 5m, Total = total, EstimatedDelivery = at.AddDays(3),
        });
        await fixture.WaitUntilAsync(db => db.SupportOrders.AnyAsync(o => o.OrderId == orderId && o.PlacedAt != null), $"order {orderId}");
        return orderId;
    }
}
