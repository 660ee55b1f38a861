using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Customers.Tests;

/// <summary>
/// Real PostgreSQL and RabbitMQ, the Customers service in-process, and a second host standing for Identity
/// (it publishes the account events) and for the services that hear of orders (it records the order events).
/// </summary>
public sealed class CustomersFixture() : ServiceFixture<CustomersDbContext, CustomersDbContext>(
    "customers-tests",
    [TestServer.Postgres(ResourceNames.Databases.Customers), TestServer.RabbitMq()],
    typeof(OrderPlaced), typeof(OrderShipped), typeof(OrderDelivered), typeof(OrderCancelled), typeof(OrderRefunded), typeof(SendEmail))
{
    /// <summary>Support's follow-up after a delivery, short for the tests.</summary>
    public static readonly TimeSpan FollowUpDelay = TimeSpan.FromSeconds(3);

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Customers:FollowUpDelay"] = FollowUpDelay.ToString();
        settings["Customers:AppUrl"] = "http://app.test";
        settings["Customers:ConsumableCategories:0"] = "consumable";
    }

    /// <summary>The emails asked of Notifications for an order, by template.</summary>
    public IReadOnlyList<SendEmail> EmailsFor(string orderId, string template) =>
        Events.All<SendEmail>(e => e.Template == template && e.Variables.GetValueOrDefault("orderId") == orderId);

    /// <summary>A client calling as the business's store: a token of the store scope naming the store, no person.</summary>
    public HttpClient Store()
    {
        var client = Service.CreateClient();
        client.DefaultRequestHeaders.Add(TestAuthHandler.UserHeader, "store-dev");
        client.DefaultRequestHeaders.Add(TestAuthHandler.ScopeHeader, "store");
        return client;
    }

    public static string NewOrderId() => "T-" + Guid.NewGuid().ToString("N")[..20];

    public static string NewEmail(string who = "buyer") => $"{who}.{Guid.NewGuid():N}@example.com";

    /// <summary>A valid order body (commerce.md) for <paramref name="email"/>.</summary>
    public static object Order(string email, DateTimeOffset? placedAt = null, int quantity = 2) => new
    {
        customerEmail = email,
        customerName = "Robin Buyer",
        placedAt = placedAt ?? DateTimeOffset.Parse("2026-12-01T10:00:00+01:00"),
        currency = "EUR",
        lines = new object[]
        {
            new { sku = "TEA-001", name = "Green tea", category = "tea", quantity, unitPrice = 4.50m },
            new { sku = "MUG-002", name = "Mug", category = "kitchen", quantity = 1, unitPrice = 12m },
        },
        shippingCost = 3.90m,
        total = 3.90m + 12m + quantity * 4.50m,
        estimatedDelivery = DateTimeOffset.Parse("2026-12-05T18:00:00+01:00"),
    };

    /// <summary>An order of the items named (SKU, category), one of each at 10.</summary>
    public static object OrderOf(string email, params (string Sku, string Category)[] items) => new
    {
        customerEmail = email, customerName = "Robin Buyer", placedAt = DateTimeOffset.UtcNow, currency = "EUR",
        lines = items.Select(i => new { sku = i.Sku, name = "Item " + i.Sku, category = i.Category, quantity = 1, unitPrice = 10m }).ToArray(),
        shippingCost = 0m, total = 10m * items.Length, estimatedDelivery = DateTimeOffset.UtcNow.AddDays(3),
    };

    public async Task<HttpResponseMessage> PutOrderAsync(string orderId, object body)
    {
        using var store = Store();
        return await store.PutAsJsonAsync($"/api/customers/orders/{orderId}", body);
    }

    public async Task<HttpResponseMessage> PostEventAsync(string orderId, object body)
    {
        using var store = Store();
        return await store.PostAsJsonAsync($"/api/customers/orders/{orderId}/events", body);
    }

    /// <summary>Identity's sign-up event for a new customer, and the profile it made.</summary>
    public async Task<Guid> SignUpAsync(string email, string name = "Robin Buyer")
    {
        var customerId = Guid.NewGuid();
        await Bus.Publish(new CustomerSignedUp { CustomerId = customerId, Email = email, DisplayName = name, SignedUpAt = DateTimeOffset.UtcNow });
        await WaitUntilAsync(() => ReadAsync(db => db.Profiles.AnyAsync(p => p.CustomerId == customerId)), $"the profile of {email}");
        return customerId;
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited in vain for {what}.");
            await Task.Delay(50);
        }
    }

    public Task<Order?> OrderAsync(string orderId) => ReadAsync(db => db.Orders.FirstOrDefaultAsync(o => o.Id == orderId));
}
