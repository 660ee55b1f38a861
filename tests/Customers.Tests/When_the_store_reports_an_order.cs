using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Customers.Tests;

[Collection(CustomersCollection.Name)]
public sealed class When_the_store_reports_an_order(CustomersFixture fixture)
{
    [Fact]
    public async Task Should_create_it_once_answer_a_repeat_with_200_and_announce_it_once()
    {
        var orderId = CustomersFixture.NewOrderId();
        var email = CustomersFixture.NewEmail();

        var first = await fixture.PutOrderAsync(orderId, CustomersFixture.Order(email));
        var again = await fixture.PutOrderAsync(orderId, CustomersFixture.Order(email));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var view = await first.Content.ReadFromJsonAsync<OrderView>();
        Assert.Equal("placed", view!.Status);
        Assert.Equal(24.90m, view.Total);
        var placed = await fixture.Events.WaitForAsync<OrderPlaced>(e => e.OrderId == orderId);
        Assert.Equal(email, placed.Email);
        Assert.Null(placed.CustomerId);
        Assert.Equal(2, placed.Lines.Count);
        await Task.Delay(500);
        Assert.Single(fixture.Events.All<OrderPlaced>(e => e.OrderId == orderId));
    }

    [Fact]
    public async Task Should_keep_side_by_side_repeats_to_one_order_and_one_announcement()
    {
        var orderId = CustomersFixture.NewOrderId();
        var email = CustomersFixture.NewEmail();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => fixture.PutOrderAsync(orderId, CustomersFixture.Order(email))));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK }));
        await fixture.Events.WaitForAsync<OrderPlaced>(e => e.OrderId == orderId);
        await Task.Delay(500);
        Assert.Single(fixture.Events.All<OrderPlaced>(e => e.OrderId == orderId));
    }

    [Fact]
    public async Task Should_take_a_correction_without_announcing_the_order_again()
    {
        var orderId = CustomersFixture.NewOrderId();
        var email = CustomersFixture.NewEmail();
        await fixture.PutOrderAsync(orderId, CustomersFixture.Order(email));

        var corrected = await fixture.PutOrderAsync(orderId, CustomersFixture.Order(email, quantity: 3));

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal(3, (await fixture.OrderAsync(orderId))!.Lines.Single(l => l.Sku == "TEA-001").Quantity);
        await Task.Delay(500);
        Assert.Single(fixture.Events.All<OrderPlaced>(e => e.OrderId == orderId));
    }

    [Fact]
    public async Task Should_link_a_guest_order_to_the_customer_when_its_address_signs_up()
    {
        var orderId = CustomersFixture.NewOrderId();
        var email = CustomersFixture.NewEmail("guest");
        await fixture.PutOrderAsync(orderId, CustomersFixture.Order(email.ToUpperInvariant()));
        Assert.Null((await fixture.OrderAsync(orderId))!.CustomerId);

        var customerId = await fixture.SignUpAsync(email);

        await CustomersFixture.WaitUntilAsync(async () => (await fixture.OrderAsync(orderId))?.CustomerId == customerId, "the guest order to be linked");
        using var customer = fixture.CreateClient(customerId, Roles.Customer);
        var orders = await customer.GetFromJsonAsync<List<OrderView>>("/api/customers/me/orders");
        Assert.Equal(orderId, Assert.Single(orders!).OrderId);
    }

    [Fact]
    public async Task Should_link_an_order_at_once_when_its_address_is_a_customer_and_say_so_in_the_event()
    {
        var email = CustomersFixture.NewEmail("known");
        var customerId = await fixture.SignUpAsync(email);
        var orderId = CustomersFixture.NewOrderId();

        await fixture.PutOrderAsync(orderId, CustomersFixture.Order(email));

        Assert.Equal(customerId, (await fixture.OrderAsync(orderId))!.CustomerId);
        Assert.Equal(customerId, (await fixture.Events.WaitForAsync<OrderPlaced>(e => e.OrderId == orderId)).CustomerId);
    }

    public static TheoryData<string, string, string> MalformedOrders => new()
    {
        { "orderId", "bad id!", """{"customerEmail":"a@example.com"}""" },
        { "customerEmail", "ok", """{"customerEmail":"not an address","customerName":"A","placedAt":"2026-12-01T10:00:00Z","currency":"EUR","lines":[{"sku":"A","name":"A","category":"c","quantity":1,"unitPrice":1}],"shippingCost":0,"total":1,"estimatedDelivery":"2026-12-03T10:00:00Z"}""" },
        { "currency", "ok", """{"customerEmail":"a@example.com","customerName":"A","placedAt":"2026-12-01T10:00:00Z","currency":"euro","lines":[{"sku":"A","name":"A","category":"c","quantity":1,"unitPrice":1}],"shippingCost":0,"total":1,"estimatedDelivery":"2026-12-03T10:00:00Z"}""" },
        { "lines[0].quantity", "ok", """{"customerEmail":"a@example.com","customerName":"A","placedAt":"2026-12-01T10:00:00Z","currency":"EUR","lines":[{"sku":"A","name":"A","category":"c","quantity":0,"unitPrice":1}],"shippingCost":0,"total":1,"estimatedDelivery":"2026-12-03T10:00:00Z"}""" },
        { "lines", "ok", """{"customerEmail":"a@example.com","customerName":"A","placedAt":"2026-12-01T10:00:00Z","currency":"EUR","lines":[],"shippingCost":0,"total":1,"estimatedDelivery":"2026-12-03T10:00:00Z"}""" },
        { "total", "ok", """{"customerEmail":"a@example.com","customerName":"A","placedAt":"2026-12-01T10:00:00Z","currency":"EUR","lines":[{"sku":"A","name":"A","category":"c","quantity":1,"unitPrice":1}],"shippingCost":0,"total":-1,"estimatedDelivery":"2026-12-03T10:00:00Z"}""" },
        { "estimatedDelivery", "ok", """{"customerEmail":"a@example.com","customerName":"A","placedAt":"2026-12-01T10:00:00Z","currency":"EUR","lines":[{"sku":"A","name":"A","category":"c","quantity":1,"unitPrice":1}],"shippingCost":0,"total":1}""" },
        { "lines[0].unitPrice", "ok", """{"customerEmail":"a@example.com","customerName":"A","placedAt":"2026-12-01T10:00:00Z","currency":"EUR","lines":[{"sku":"A","name":"A","category":"c","quantity":1,"unitPrice":"cheap"}],"shippingCost":0,"total":1,"estimatedDelivery":"2026-12-03T10:00:00Z"}""" },
    };

    [Theory]
    [MemberData(nameof(MalformedOrders))]
    public async Task Should_refuse_a_malformed_order_naming_the_field_and_write_nothing(string field, string id, string body)
    {
        var orderId = id == "ok" ? CustomersFixture.NewOrderId() : id;
        using var store = fixture.Store();

        var response = await store.PutAsync($"/api/customers/orders/{Uri.EscapeDataString(orderId)}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        Assert.False(await fixture.ReadAsync(db => db.Orders.AnyAsync(o => o.Id == orderId)));
    }
}
