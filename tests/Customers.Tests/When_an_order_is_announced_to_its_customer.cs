namespace CustomerPlatform.Customers.Tests;

/// <summary>The order's emails, asked of Notifications (which sends each NotificationId once): one of each, whatever repeats.</summary>
[Collection(CustomersCollection.Name)]
public sealed class When_an_order_is_announced_to_its_customer(CustomersFixture fixture)
{
    private static readonly DateTimeOffset Placed = DateTimeOffset.Parse("2026-12-01T10:00:00+01:00");

    [Fact]
    public async Task Should_confirm_it_with_its_lines_total_and_delivery_date_once()
    {
        var orderId = CustomersFixture.NewOrderId();
        var email = CustomersFixture.NewEmail("confirm");

        await fixture.PutOrderAsync(orderId, CustomersFixture.Order(email));
        await fixture.PutOrderAsync(orderId, CustomersFixture.Order(email));

        var confirmation = await fixture.Events.WaitForAsync<SendEmail>(e => e.Template == EmailTemplates.OrderConfirmation && e.Variables["orderId"] == orderId);
        Assert.Equal(email, confirmation.To);
        Assert.Equal(Guid.Empty, confirmation.CustomerId);
        Assert.Equal("24.90 EUR", confirmation.Variables["orderTotal"]);
        Assert.Equal("2026-12-05T17:00:00.0000000+00:00", confirmation.Variables["estimatedDelivery"]);
        Assert.Contains("2 × Green tea (TEA-001): 9.00 EUR", confirmation.Variables["orderLines"]);
        await Task.Delay(500);
        Assert.Single(fixture.EmailsFor(orderId, EmailTemplates.OrderConfirmation));
    }

    [Fact]
    public async Task Should_tell_of_the_shipment_and_the_delivery_once_each_then_follow_up_after_the_delay()
    {
        var orderId = CustomersFixture.NewOrderId();
        var email = CustomersFixture.NewEmail("ship");
        var customerId = await fixture.SignUpAsync(email);
        await fixture.PutOrderAsync(orderId, CustomersFixture.Order(email));
        var shipped = new { eventId = "s1", type = "shipped", at = Placed.AddDays(1), carrier = "DHL", trackingNumber = "JD-42" };

        await fixture.PostEventAsync(orderId, shipped);
        await fixture.PostEventAsync(orderId, shipped);
        await fixture.PostEventAsync(orderId, new { eventId = "d1", type = "delivered", at = DateTimeOffset.UtcNow });
        var deliveredAt = DateTime.UtcNow;

        var tracking = await fixture.Events.WaitForAsync<SendEmail>(e => e.Template == EmailTemplates.OrderShipped && e.Variables["orderId"] == orderId);
        Assert.Equal(("DHL", "JD-42", customerId), (tracking.Variables["carrier"], tracking.Variables["trackingNumber"], tracking.CustomerId));
        await fixture.Events.WaitForAsync<SendEmail>(e => e.Template == EmailTemplates.OrderDelivered && e.Variables["orderId"] == orderId);
        var followUp = await fixture.Events.WaitForAsync<SendEmail>(e => e.Template == EmailTemplates.OrderFollowUp && e.Variables["orderId"] == orderId,
            timeout: TimeSpan.FromSeconds(30));
        Assert.True(DateTime.UtcNow - deliveredAt >= CustomersFixture.FollowUpDelay - TimeSpan.FromMilliseconds(500), "the follow-up came before its delay");
        Assert.Equal("http://app.test/support/tickets", followUp.Variables["supportLink"]);
        await Task.Delay(500);
        Assert.Single(fixture.EmailsFor(orderId, EmailTemplates.OrderShipped));
        Assert.Single(fixture.EmailsFor(orderId, EmailTemplates.OrderDelivered));
        Assert.Single(fixture.EmailsFor(orderId, EmailTemplates.OrderFollowUp));
    }

    [Fact]
    public async Task Should_not_follow_up_an_order_refunded_before_the_follow_up_is_due()
    {
        var orderId = CustomersFixture.NewOrderId();
        await fixture.PutOrderAsync(orderId, CustomersFixture.Order(CustomersFixture.NewEmail("refund")));

        await fixture.PostEventAsync(orderId, new { eventId = "d1", type = "delivered", at = DateTimeOffset.UtcNow });
        await fixture.PostEventAsync(orderId, new { eventId = "r1", type = "refunded", at = DateTimeOffset.UtcNow });

        await fixture.Events.WaitForAsync<SendEmail>(e => e.Template == EmailTemplates.OrderDelivered && e.Variables["orderId"] == orderId);
        await Task.Delay(CustomersFixture.FollowUpDelay + TimeSpan.FromSeconds(4));
        Assert.Empty(fixture.EmailsFor(orderId, EmailTemplates.OrderFollowUp));
    }
}
