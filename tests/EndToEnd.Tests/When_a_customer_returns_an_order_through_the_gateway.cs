using System.Net;
using System.Text.Json;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>
/// Returns end to end, through the gateway only: the store reports a delivered order (commerce.md), the customer
/// asks to return lines of it; beyond the window or the quantity bought they are refused naming the field; a return
/// worth more than the policy approves waits for an agent, whose approval emails the return number and instructions
/// (MailDev); the agent checks the parcel in, the store's <c>refunded</c> event completes it, and the CRM's timeline
/// shows each step.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class When_a_customer_returns_an_order_through_the_gateway(PlatformFixture platform)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Should_refuse_what_the_policy_forbids_and_take_an_approved_return_to_its_refund()
    {
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
        var email = $"returner-{Guid.NewGuid():N}@example.com";
        var (customerId, customer) = await Accounts.NewCustomerAsync(platform.Gateway, mail, email, "Rhea Returner", Wait);
        var store = await Accounts.StoreSignInAsync(platform.Gateway, StaffAccounts.Store);
        var recent = await DeliveredOrderAsync(store, email, DateTimeOffset.UtcNow.AddDays(-2));
        var old = await DeliveredOrderAsync(store, email, DateTimeOffset.UtcNow.AddDays(-45));

        // Both orders reach the support desk's copy through the CRM's events; until then an order is unknown (orderId too).
        var tooMany = await RefusedNamingAsync(() => RequestAsync(customer, recent, "LAMP", 3), "lines[0].quantity");
        Assert.Contains("At most 2 of 'LAMP'", tooMany);
        var late = await RefusedNamingAsync(() => RequestAsync(customer, old, "LAMP", 1), "orderId", message => message.Contains("window", StringComparison.Ordinal));
        Assert.Contains("The return window of 30 days", late);
        Assert.Equal(0, (await customer.GetAsync("/api/support/returns")).GetArrayLength());

        var created = await customer.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/support/returns",
            new { orderId = recent, lines = new[] { new { sku = "LAMP", quantity = 2 } }, reason = "The shade arrived cracked" });
        Assert.Equal("requested", created.GetProperty("status").GetString());
        var returnId = created.GetProperty("returnId").GetString();

        var agent = await Accounts.SignInAsync(platform.Gateway, StaffAccounts.Agent);
        var queue = await agent.GetAsync("/api/support/returns/review?pageSize=100");
        var queued = queue.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("returnId").GetString() == returnId);
        var number = queued.GetProperty("returnNumber").GetString()!;
        Assert.Equal(480m, queued.GetProperty("value").GetDecimal());
        await agent.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/support/returns/{returnId}/approve", new { note = "Sorry about that" });

        var approval = Assert.Single(await mail.WaitForAsync(email, found => found.Any(IsApproval), Wait), IsApproval);
        Assert.Equal($"Your return {number} for order {recent} is approved", approval.GetProperty("subject").GetString());
        Assert.Contains("2 × Desk lamp (LAMP)", Accounts.Text(approval));
        Assert.Contains($"write {number} on the parcel", Accounts.Text(approval));

        await agent.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/support/returns/{returnId}/receive");
        Assert.Equal(HttpStatusCode.Accepted, await store.StatusOfAsync(HttpMethod.Post, $"/api/customers/orders/{recent}/events",
            new { eventId = "refund-1", type = "refunded", at = DateTimeOffset.UtcNow, lines = new[] { new { sku = "LAMP", quantity = 2 } }, amount = 480m }));

        JsonElement mine = default;
        for (var deadline = DateTime.UtcNow + Wait; DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            mine = (await customer.GetAsync("/api/support/returns"))[0];
            if (mine.GetProperty("status").GetString() == "refunded")
                break;
        }
        Assert.Equal("refunded", mine.GetProperty("status").GetString());

        // The CRM's timeline tells the return's story; its entries come from separate events, so they may land in any order.
        string[] story = ["asked for, waiting for an agent", " approved", " received", " refunded"];
        var texts = new List<string>();
        for (var deadline = DateTime.UtcNow + Wait; DateTime.UtcNow < deadline && !story.All(end => texts.Any(t => t.EndsWith(end, StringComparison.Ordinal))); await Task.Delay(250))
            texts = [.. (await agent.GetAsync($"/api/customers/{customerId}/timeline?limit=100")).GetProperty("entries").EnumerateArray()
                .Select(e => e.GetProperty("text").GetString()!).Where(t => t.StartsWith($"Return {number}", StringComparison.Ordinal))];
        Assert.Contains(texts, t => t.EndsWith("asked for, waiting for an agent", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.EndsWith(" approved", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.EndsWith(" received", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.EndsWith(" refunded", StringComparison.Ordinal));
    }

    /// <summary>Asks until the answer is a 400 naming <paramref name="field"/> (with a message <paramref name="expected"/> accepts); its message.</summary>
    private static async Task<string> RefusedNamingAsync(Func<Task<HttpResponseMessage>> send, string field, Func<string, bool>? expected = null)
    {
        var seen = "";
        for (var deadline = DateTime.UtcNow + Wait; DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            using var response = await send();
            seen = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            if (JsonDocument.Parse(seen).RootElement.GetProperty("errors").TryGetProperty(field, out var messages)
                && messages[0].GetString() is { } message && (expected?.Invoke(message) ?? true))
                return message;
        }
        throw new TimeoutException($"Never refused naming {field}; last: {seen}");
    }

    private static bool IsApproval(JsonElement email) => email.GetProperty("subject").GetString()!.Contains("is approved", StringComparison.Ordinal);

    private static Task<HttpResponseMessage> RequestAsync(ApiSession customer, string orderId, string sku, int quantity) =>
        customer.SendAsync(HttpMethod.Post, "/api/support/returns", new { orderId, lines = new[] { new { sku, quantity } }, reason = "Not what I expected" });

    private static async Task<string> DeliveredOrderAsync(ApiSession store, string email, DateTimeOffset deliveredAt)
    {
        var orderId = "RET-" + Guid.NewGuid().ToString("N")[..12];
        Assert.Equal(HttpStatusCode.Created, await store.StatusOfAsync(HttpMethod.Put, $"/api/customers/orders/{orderId}", new
        {
            customerEmail = email, customerName = "Rhea Returner", placedAt = deliveredAt.AddDays(-3), currency = "EUR",
            lines = new[] { new { sku = "LAMP", name = "Desk lamp", category = "home", quantity = 2, unitPrice = 240m } },
            shippingCost = 0m, total = 480m, estimatedDelivery = deliveredAt,
        }));
        Assert.Equal(HttpStatusCode.Accepted, await store.StatusOfAsync(HttpMethod.Post, $"/api/customers/orders/{orderId}/events",
            new { eventId = "deliver-1", type = "delivered", at = deliveredAt }));
        return orderId;
    }
}
