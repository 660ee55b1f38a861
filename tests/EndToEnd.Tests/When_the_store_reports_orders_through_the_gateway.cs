using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>
/// Issue 16 on the real platform, through the gateway only: the business's store signs in with the client-credentials
/// grant, reports an order and its changes (commerce.md); the customer hears of each by email in MailDev, once,
/// with support's follow-up at the configured delay; the guest order becomes the customer's when the address signs up.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class When_the_store_reports_orders_through_the_gateway(PlatformFixture platform)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Should_confirm_ship_deliver_and_follow_up_by_email_once_each_and_give_the_order_to_the_address_that_signs_up()
    {
        var store = await Accounts.StoreSignInAsync(platform.Gateway, StaffAccounts.Store);
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
        var email = $"shopper-{Guid.NewGuid():N}@example.com";
        var orderId = "E2E-" + Guid.NewGuid().ToString("N")[..12];
        var order = new
        {
            customerEmail = email, customerName = "Sam Shopper", placedAt = DateTimeOffset.UtcNow, currency = "EUR",
            lines = new[] { new { sku = "BOOK-1", name = "A good book", category = "books", quantity = 1, unitPrice = 19.90m } },
            shippingCost = 0m, total = 19.90m, estimatedDelivery = DateTimeOffset.Parse("2026-12-24T12:00:00Z"),
        };

        Assert.Equal(HttpStatusCode.Created, await store.StatusOfAsync(HttpMethod.Put, $"/api/customers/orders/{orderId}", order));
        Assert.Equal(HttpStatusCode.OK, await store.StatusOfAsync(HttpMethod.Put, $"/api/customers/orders/{orderId}", order));
        var confirmation = Assert.Single(await mail.WaitForAsync(email, found => found.Count >= 1, Wait));
        Assert.Contains($"Your order {orderId} is confirmed", confirmation.GetProperty("subject").GetString());
        var text = Accounts.Text(confirmation);
        Assert.Contains("Estimated delivery:", text);
        Assert.Contains("24", text);
        Assert.Contains("19.90 EUR", text);

        var shipped = new { eventId = "ship-1", type = "shipped", at = DateTimeOffset.UtcNow, carrier = "DHL", trackingNumber = "TRACK-" + orderId };
        Assert.Equal(HttpStatusCode.Accepted, await store.StatusOfAsync(HttpMethod.Post, $"/api/customers/orders/{orderId}/events", shipped));
        Assert.Equal(HttpStatusCode.Accepted, await store.StatusOfAsync(HttpMethod.Post, $"/api/customers/orders/{orderId}/events", shipped));
        Assert.Equal(HttpStatusCode.Accepted, await store.StatusOfAsync(HttpMethod.Post, $"/api/customers/orders/{orderId}/events",
            new { eventId = "deliver-1", type = "delivered", at = DateTimeOffset.UtcNow }));
        Assert.Equal(HttpStatusCode.NotFound, await store.StatusOfAsync(HttpMethod.Post, "/api/customers/orders/NO-SUCH-ORDER/events",
            new { eventId = "x", type = "paid", at = DateTimeOffset.UtcNow }));

        // Confirmation, shipment (with its tracking number), delivery, then support's follow-up.
        var emails = await mail.WaitForAsync(email, found => found.Count >= 4, Wait + PlatformFixture.FollowUpDelay);
        var subjects = emails.Select(e => e.GetProperty("subject").GetString()!).ToList();
        Assert.Contains(subjects, s => s.Contains("is on its way", StringComparison.Ordinal));
        Assert.Contains(subjects, s => s.Contains("was delivered", StringComparison.Ordinal));
        Assert.Contains(subjects, s => s.Contains("How is your order", StringComparison.Ordinal));
        Assert.Contains("TRACK-" + orderId, Accounts.Text(emails.Single(e => e.GetProperty("subject").GetString()!.Contains("on its way", StringComparison.Ordinal))));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(4, (await mail.ToAsync(email)).Count);

        // The address signs up: the guest order is theirs, and no one else's.
        var (_, customer) = await Accounts.NewCustomerAsync(platform.Gateway, mail, email, "Sam Shopper", Wait);
        var (_, stranger) = await Accounts.NewCustomerAsync(platform.Gateway, mail, $"stranger-{Guid.NewGuid():N}@example.com", "Stella Stranger", Wait);
        JsonElement mine = default;
        for (var deadline = DateTime.UtcNow + Wait; DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            mine = await customer.GetAsync("/api/customers/me/orders");
            if (mine.GetArrayLength() > 0)
                break;
        }
        var listed = Assert.Single(mine.EnumerateArray());
        Assert.Equal(orderId, listed.GetProperty("orderId").GetString());
        Assert.Equal("delivered", listed.GetProperty("status").GetString());
        Assert.Equal("TRACK-" + orderId, listed.GetProperty("trackingNumber").GetString());
        Assert.Equal(0, (await stranger.GetAsync("/api/customers/me/orders")).GetArrayLength());
    }
}
