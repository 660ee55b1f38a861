using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Customers;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Ticketing;
using CustomerPlatform.Ticketing.Returns;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Tests;

[Collection(TicketingCollection.Name)]
public sealed class When_a_customer_returns_an_order(TicketingFixture fixture)
{
    private sealed record Created(Guid ReturnId, string Status);

    [Fact]
    public async Task Should_approve_a_small_return_inside_the_window_and_email_the_instructions_once()
    {
        var (customer, orderId, client) = await DeliveredAsync(daysAgo: 3, ("MUG-1", 2, 12.50m), ("TEE-M", 1, 20m));

        var response = await client.PostAsJsonAsync("/api/support/returns", new { orderId, lines = new[] { new { sku = "MUG-1", quantity = 1 } }, reason = "Chipped" });

        ApiAssert.Status(HttpStatusCode.Created, response);
        var created = await response.Content.ReadFromJsonAsync<Created>();
        Assert.Equal(ReturnStatuses.Approved, created!.Status);
        var approved = await fixture.Events.WaitForAsync<ReturnApproved>(e => e.Return.ReturnId == created.ReturnId);
        Assert.Null(approved.ApprovedBy);
        Assert.Equal((orderId, customer, 12.50m, "EUR"), (approved.Return.OrderId, approved.Return.CustomerId, approved.Return.Value, approved.Return.Currency));
        var email = await fixture.Events.WaitForAsync<SendEmail>(e => e.Template == EmailTemplates.ReturnApproved && e.CustomerId == customer);
        Assert.Equal(approved.Return.ReturnNumber, email.Variables["returnNumber"]);
        Assert.Matches("^RMA-[0-9]{6}$", email.Variables["returnNumber"]);
        Assert.Contains("1 × Mug (MUG-1)", email.Variables["returnLines"]);
        Assert.Equal($"https://app.customerplatform.test/support/returns/{created.ReturnId}", email.Variables["returnLink"]);
        var mine = await client.GetFromJsonAsync<List<ReturnsApi.ReturnView>>("/api/support/returns");
        var only = Assert.Single(mine!);
        Assert.Equal((created.ReturnId, ReturnStatuses.Approved, "Chipped"), (only.ReturnId, only.Status, only.Reason));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(fixture.Events.All<SendEmail>(), e => e.Template == EmailTemplates.ReturnApproved && e.CustomerId == customer);
    }

    [Fact]
    public async Task Should_refuse_a_return_beyond_the_window_naming_the_order_and_store_nothing()
    {
        var (customer, orderId, client) = await DeliveredAsync(daysAgo: 31, ("MUG-1", 1, 12.50m));

        await ApiAssert.BadRequestNamingAsync(
            await client.PostAsJsonAsync("/api/support/returns", new { orderId, lines = new[] { new { sku = "MUG-1", quantity = 1 } }, reason = "Late" }), "orderId");

        Assert.False(await fixture.ReadAsync(db => db.Returns.AnyAsync(r => r.CustomerId == customer)));
    }

    [Fact]
    public async Task Should_never_return_more_than_was_bought_minus_what_was_returned()
    {
        var (customer, orderId, client) = await DeliveredAsync(daysAgo: 1, ("MUG-1", 3, 10m));
        ApiAssert.Status(HttpStatusCode.Created,
            await client.PostAsJsonAsync("/api/support/returns", new { orderId, lines = new[] { new { sku = "MUG-1", quantity = 2 } }, reason = "Too many" }));

        await ApiAssert.BadRequestNamingAsync(
            await client.PostAsJsonAsync("/api/support/returns", new { orderId, lines = new[] { new { sku = "MUG-1", quantity = 2 } }, reason = "Again" }), "lines[0].quantity");
        await ApiAssert.BadRequestNamingAsync(
            await client.PostAsJsonAsync("/api/support/returns", new { orderId, lines = new[] { new { sku = "PLATE", quantity = 1 } }, reason = "Not bought" }), "lines[0].sku");
        await ApiAssert.BadRequestNamingAsync(
            await client.PostAsJsonAsync("/api/support/returns", new { orderId, lines = new[] { new { sku = "MUG-1", quantity = 0 } }, reason = "None" }), "lines[0].quantity");
        await ApiAssert.BadRequestNamingAsync(
            await client.PostAsJsonAsync("/api/support/returns", new { orderId, lines = Array.Empty<object>(), reason = "Nothing" }), "lines");
        await ApiAssert.BadRequestNamingAsync(
            await client.PostAsJsonAsync("/api/support/returns", new { orderId, lines = new[] { new { sku = "MUG-1", quantity = 1 } } }), "reason");

        Assert.Equal(1, await fixture.ReadAsync(db => db.Returns.CountAsync(r => r.CustomerId == customer)));
        ApiAssert.Status(HttpStatusCode.Created,
            await client.PostAsJsonAsync("/api/support/returns", new { orderId, lines = new[] { new { sku = "MUG-1", quantity = 1 } }, reason = "The last one" }));
    }

    [Fact]
    public async Task Should_check_concurrent_returns_of_one_order_one_after_the_other()
    {
        var (customer, orderId, client) = await DeliveredAsync(daysAgo: 1, ("MUG-1", 1, 10m));

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            client.PostAsJsonAsync("/api/support/returns", new { orderId, lines = new[] { new { sku = "MUG-1", quantity = 1 } }, reason = "Twice?" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, await fixture.ReadAsync(db => db.Returns.CountAsync(r => r.CustomerId == customer)));
    }

    [Fact]
    public async Task Should_refuse_an_order_that_is_someone_elses_or_not_delivered()
    {
        var (_, orderId, _) = await DeliveredAsync(daysAgo: 1, ("MUG-1", 1, 10m));
        var stranger = fixture.CreateCustomer(Guid.NewGuid(), "Eve Stranger", "eve@example.com");
        await ApiAssert.BadRequestNamingAsync(
            await stranger.PostAsJsonAsync("/api/support/returns", new { orderId, lines = new[] { new { sku = "MUG-1", quantity = 1 } }, reason = "Mine?" }), "orderId");

        var customer = Guid.NewGuid();
        var undelivered = await PlaceAsync(customer, ("MUG-1", 1, 10m));
        await ApiAssert.BadRequestNamingAsync(
            await fixture.CreateCustomer(customer).PostAsJsonAsync("/api/support/returns", new { orderId = undelivered, lines = new[] { new { sku = "MUG-1", quantity = 1 } }, reason = "Early" }), "orderId");
    }

    [Fact]
    public async Task Should_leave_a_large_return_to_an_agent_then_complete_it_with_the_stores_refund()
    {
        var (customer, orderId, client) = await DeliveredAsync(daysAgo: 2, ("SOFA", 1, 900m), ("CUSHION", 4, 25m));
        var agent = await fixture.AddStaffAsync("Rita Returns", Roles.Agent);
        var desk = fixture.CreateClient(agent, Roles.Agent);

        var response = await client.PostAsJsonAsync("/api/support/returns", new { orderId, lines = new[] { new { sku = "SOFA", quantity = 1 }, new { sku = "CUSHION", quantity = 2 } }, reason = "Wrong colour" });
        var created = await response.Content.ReadFromJsonAsync<Created>();
        Assert.Equal(ReturnStatuses.Requested, created!.Status);
        Assert.True((await fixture.Events.WaitForAsync<ReturnRequested>(e => e.Return.ReturnId == created.ReturnId)).NeedsReview);
        var queue = await desk.GetFromJsonAsync<ReturnsApi.ReturnPage>("/api/support/returns/review?pageSize=100");
        Assert.Contains(queue!.Items, r => r.ReturnId == created.ReturnId && r.Value == 950m);

        // The customer cannot approve their own; receiving before approval is refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/support/returns/{created.ReturnId}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await desk.PostAsync($"/api/support/returns/{created.ReturnId}/receive", null)).StatusCode);
        ApiAssert.Status(HttpStatusCode.OK, await desk.PostAsJsonAsync($"/api/support/returns/{created.ReturnId}/approve", new { note = "Fine by us" }));
        Assert.Equal(agent, (await fixture.Events.WaitForAsync<ReturnApproved>(e => e.Return.ReturnId == created.ReturnId)).ApprovedBy);
        await fixture.Events.WaitForAsync<SendEmail>(e => e.Template == EmailTemplates.ReturnApproved && e.CustomerId == customer);
        Assert.Equal(HttpStatusCode.Conflict, (await desk.PostAsJsonAsync($"/api/support/returns/{created.ReturnId}/reject", new { note = "Changed my mind" })).StatusCode);
        ApiAssert.Status(HttpStatusCode.OK, await desk.PostAsync($"/api/support/returns/{created.ReturnId}/receive", null));
        await fixture.Events.WaitForAsync<ReturnReceived>(e => e.Return.ReturnId == created.ReturnId && e.ReceivedBy == agent);

        // A refund of other lines leaves it; the store's refund of its lines completes it.
        await fixture.Bus.Publish(Refund(orderId, customer, ("CUSHION", 1)));
        await fixture.Bus.Publish(Refund(orderId, customer, ("SOFA", 1), ("CUSHION", 2)));

        var refunded = await fixture.Events.WaitForAsync<ReturnRefunded>(e => e.Return.ReturnId == created.ReturnId);
        Assert.Equal(950m, refunded.Return.Value);
        var mine = await client.GetFromJsonAsync<ReturnsApi.ReturnView>($"/api/support/returns/{created.ReturnId}");
        Assert.Equal(ReturnStatuses.Refunded, mine!.Status);
        Assert.Single(fixture.Events.All<ReturnRefunded>(), e => e.Return.ReturnId == created.ReturnId);
    }

    [Fact]
    public async Task Should_tell_the_customer_why_an_agent_refused()
    {
        var (customer, orderId, client) = await DeliveredAsync(daysAgo: 2, ("TV", 1, 1200m));
        var desk = fixture.CreateClient(await fixture.AddStaffAsync("Rita Returns", Roles.Agent), Roles.Agent);
        var created = await (await client.PostAsJsonAsync("/api/support/returns", new { orderId, lines = new[] { new { sku = "TV", quantity = 1 } }, reason = "Changed my mind" }))
            .Content.ReadFromJsonAsync<Created>();

        await ApiAssert.BadRequestNamingAsync(await desk.PostAsJsonAsync($"/api/support/returns/{created!.ReturnId}/reject", new { }), "note");
        ApiAssert.Status(HttpStatusCode.OK, await desk.PostAsJsonAsync($"/api/support/returns/{created.ReturnId}/reject", new { note = "The seal is broken." }));

        var email = await fixture.Events.WaitForAsync<SendEmail>(e => e.Template == EmailTemplates.ReturnRejected && e.CustomerId == customer);
        Assert.Equal("The seal is broken.", email.Variables["reason"]);
        // A refused return does not count: the customer may ask again.
        ApiAssert.Status(HttpStatusCode.Created,
            await client.PostAsJsonAsync("/api/support/returns", new { orderId, lines = new[] { new { sku = "TV", quantity = 1 } }, reason = "Faulty after all" }));
    }

    private async Task<(Guid Customer, string OrderId, HttpClient Client)> DeliveredAsync(int daysAgo, params (string Sku, int Quantity, decimal Price)[] lines)
    {
        var customer = Guid.NewGuid();
        var orderId = await PlaceAsync(customer, lines);
        var deliveredAt = DateTimeOffset.UtcNow.AddDays(-daysAgo);
        // Delivered first, as events may come: the order's copy takes both.
        await fixture.Bus.Publish(new OrderDelivered { OrderId = orderId, Email = "ann@example.com", CustomerId = customer, At = deliveredAt });
        await fixture.WaitUntilAsync(db => db.SupportOrders.AnyAsync(o => o.OrderId == orderId && o.DeliveredAt != null), $"order {orderId} delivered");
        return (customer, orderId, fixture.CreateCustomer(customer));
    }

    private async Task<string> PlaceAsync(Guid customer, params (string Sku, int Quantity, decimal Price)[] lines)
    {
        var orderId = "T-" + Guid.NewGuid().ToString("N")[..12];
        await fixture.Bus.Publish(new OrderPlaced
        {
            OrderId = orderId,
            Email = "Ann@Example.com",
            CustomerId = customer,
            At = DateTimeOffset.UtcNow.AddDays(-40),
            CustomerName = "Ann Example",
            Currency = "EUR",
            Lines = [.. lines.Select(l => new OrderLineItem { Sku = l.Sku, Name = l.Sku == "MUG-1" ? "Mug" : l.Sku, Category = "home", Quantity = l.Quantity, UnitPrice = l.Price })],
            ShippingCost = 0,
            Total = lines.Sum(l => l.Quantity * l.Price),
            EstimatedDelivery = DateTimeOffset.UtcNow,
        });
        await fixture.WaitUntilAsync(db => db.SupportOrders.AnyAsync(o => o.OrderId == orderId && o.PlacedAt != null), $"order {orderId}");
        return orderId;
    }

    private static OrderRefunded Refund(string orderId, Guid customer, params (string Sku, int Quantity)[] lines) => new()
    {
        OrderId = orderId,
        Email = "ann@example.com",
        CustomerId = customer,
        At = DateTimeOffset.UtcNow,
        Lines = [.. lines.Select(l => new OrderLineQuantity { Sku = l.Sku, Quantity = l.Quantity })],
        Amount = 0,
        Currency = "EUR",
        Whole = false,
    };
}
