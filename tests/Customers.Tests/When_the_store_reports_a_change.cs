using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Customers.Tests;

[Collection(CustomersCollection.Name)]
public sealed class When_the_store_reports_a_change(CustomersFixture fixture)
{
    private static readonly DateTimeOffset Placed = DateTimeOffset.Parse("2026-12-01T10:00:00+01:00");

    private async Task<string> NewOrderAsync()
    {
        var orderId = CustomersFixture.NewOrderId();
        Assert.Equal(HttpStatusCode.Created, (await fixture.PutOrderAsync(orderId, CustomersFixture.Order(CustomersFixture.NewEmail()))).StatusCode);
        return orderId;
    }

    [Fact]
    public async Task Should_ship_the_order_once_however_often_the_event_comes()
    {
        var orderId = await NewOrderAsync();
        var shipped = new { eventId = "evt-ship-1", type = "shipped", at = Placed.AddDays(1), carrier = "DHL", trackingNumber = "JD0001" };

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => fixture.PostEventAsync(orderId, shipped)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        var order = await fixture.OrderAsync(orderId);
        Assert.Equal("shipped", order!.Status);
        Assert.Equal(("DHL", "JD0001"), (order.Carrier, order.TrackingNumber));
        var announced = await fixture.Events.WaitForAsync<OrderShipped>(e => e.OrderId == orderId);
        Assert.Equal("JD0001", announced.TrackingNumber);
        await Task.Delay(500);
        Assert.Single(fixture.Events.All<OrderShipped>(e => e.OrderId == orderId));
        Assert.Equal(1, await fixture.ReadAsync(db => db.OrderEvents.CountAsync(e => e.OrderId == orderId)));
    }

    [Fact]
    public async Task Should_take_events_out_of_order_without_going_back_or_announcing_a_stale_shipment()
    {
        var orderId = await NewOrderAsync();

        await fixture.PostEventAsync(orderId, new { eventId = "d1", type = "delivered", at = Placed.AddDays(3) });
        await fixture.PostEventAsync(orderId, new { eventId = "p1", type = "paid", at = Placed.AddMinutes(5) });
        await fixture.PostEventAsync(orderId, new { eventId = "s1", type = "shipped", at = Placed.AddDays(1), carrier = "UPS", trackingNumber = "1Z999" });

        var order = await fixture.OrderAsync(orderId);
        Assert.Equal("delivered", order!.Status);
        Assert.Equal("1Z999", order.TrackingNumber);
        await fixture.Events.WaitForAsync<OrderDelivered>(e => e.OrderId == orderId);
        await Task.Delay(500);
        Assert.Empty(fixture.Events.All<OrderShipped>(e => e.OrderId == orderId));
    }

    [Fact]
    public async Task Should_refund_by_line_then_the_rest_and_refuse_more_than_is_left()
    {
        var orderId = await NewOrderAsync();

        var byLine = await fixture.PostEventAsync(orderId, new { eventId = "r1", type = "refunded", at = Placed.AddDays(4), lines = new[] { new { sku = "TEA-001", quantity = 1 } } });
        var tooMany = await fixture.PostEventAsync(orderId, new { eventId = "r2", type = "refunded", at = Placed.AddDays(4), lines = new[] { new { sku = "TEA-001", quantity = 2 } } });
        var unknownSku = await fixture.PostEventAsync(orderId, new { eventId = "r3", type = "refunded", at = Placed.AddDays(4), lines = new[] { new { sku = "NOPE", quantity = 1 } } });

        Assert.Equal(HttpStatusCode.Accepted, byLine.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.True(Errors(await tooMany.Content.ReadAsStringAsync()).TryGetProperty("lines[0].quantity", out _));
        Assert.True(Errors(await unknownSku.Content.ReadAsStringAsync()).TryGetProperty("lines[0].sku", out _));
        var partly = await fixture.Events.WaitForAsync<OrderRefunded>(e => e.OrderId == orderId);
        Assert.Equal(4.50m, partly.Amount);
        Assert.False(partly.Whole);
        Assert.Equal("placed", (await fixture.OrderAsync(orderId))!.Status);

        var rest = await fixture.PostEventAsync(orderId, new { eventId = "r4", type = "refunded", at = Placed.AddDays(5) });

        Assert.Equal(HttpStatusCode.Accepted, rest.StatusCode);
        var order = await fixture.OrderAsync(orderId);
        Assert.Equal("refunded", order!.Status);
        Assert.Equal(order.Total, order.RefundedAmount);
        Assert.All(order.Lines, l => Assert.Equal(l.Quantity, l.RefundedQuantity));
        Assert.True((await fixture.Events.WaitForAsync<OrderRefunded>(e => e.OrderId == orderId && e.Whole)).Amount == 20.40m);
        // The refused refunds left no trace: they can come again, corrected, under their ids.
        Assert.Equal(["r1", "r4"], await fixture.ReadAsync(db => db.OrderEvents.Where(e => e.OrderId == orderId).OrderBy(e => e.EventId).Select(e => e.EventId).ToListAsync()));
    }

    [Fact]
    public async Task Should_answer_404_for_an_unknown_order_and_400_naming_the_field_for_a_bad_event()
    {
        var orderId = await NewOrderAsync();

        var unknown = await fixture.PostEventAsync(CustomersFixture.NewOrderId(), new { eventId = "x", type = "paid", at = Placed });
        var badType = await fixture.PostEventAsync(orderId, new { eventId = "x", type = "teleported", at = Placed });
        var noTracking = await fixture.PostEventAsync(orderId, new { eventId = "x", type = "shipped", at = Placed, carrier = "DHL" });
        var noId = await fixture.PostEventAsync(orderId, new { type = "paid", at = Placed });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.True(Errors(await badType.Content.ReadAsStringAsync()).TryGetProperty("type", out _));
        Assert.True(Errors(await noTracking.Content.ReadAsStringAsync()).TryGetProperty("trackingNumber", out _));
        Assert.True(Errors(await noId.Content.ReadAsStringAsync()).TryGetProperty("eventId", out _));
        Assert.Equal(0, await fixture.ReadAsync(db => db.OrderEvents.CountAsync(e => e.OrderId == orderId)));
        Assert.Equal("placed", (await fixture.OrderAsync(orderId))!.Status);
    }

    private static JsonElement Errors(string problem) => JsonDocument.Parse(problem).RootElement.GetProperty("errors");
}
