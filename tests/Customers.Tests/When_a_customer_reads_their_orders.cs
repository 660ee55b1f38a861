using System.Net;
using System.Net.Http.Json;

namespace CustomerPlatform.Customers.Tests;

[Collection(CustomersCollection.Name)]
public sealed class When_a_customer_reads_their_orders(CustomersFixture fixture)
{
    [Fact]
    public async Task Should_list_only_their_own_newest_first()
    {
        var email = CustomersFixture.NewEmail("reader");
        var customerId = await fixture.SignUpAsync(email);
        var older = CustomersFixture.NewOrderId();
        var newer = CustomersFixture.NewOrderId();
        await fixture.PutOrderAsync(older, CustomersFixture.Order(email, DateTimeOffset.Parse("2026-11-01T09:00:00Z")));
        await fixture.PutOrderAsync(newer, CustomersFixture.Order(email, DateTimeOffset.Parse("2026-11-20T09:00:00Z")));
        await fixture.PutOrderAsync(CustomersFixture.NewOrderId(), CustomersFixture.Order(CustomersFixture.NewEmail("someone-else")));

        using var customer = fixture.CreateClient(customerId, Roles.Customer);
        using var stranger = fixture.CreateClient(Guid.NewGuid(), Roles.Customer);
        var mine = await customer.GetFromJsonAsync<List<OrderView>>("/api/customers/me/orders");
        var theirs = await stranger.GetFromJsonAsync<List<OrderView>>("/api/customers/me/orders");

        Assert.Equal([newer, older], mine!.Select(o => o.OrderId));
        Assert.Empty(theirs!);
    }

    [Fact]
    public async Task Should_show_the_profile_the_account_events_built()
    {
        var email = CustomersFixture.NewEmail("profile");
        var customerId = await fixture.SignUpAsync(email, "Pat Profile");
        await fixture.Bus.Publish(new EmailVerified { CustomerId = customerId, Email = email, VerifiedAt = DateTimeOffset.UtcNow });
        using var customer = fixture.CreateClient(customerId, Roles.Customer);

        await CustomersFixture.WaitUntilAsync(async () => (await customer.GetFromJsonAsync<CustomerProfileView>("/api/customers/me"))!.EmailVerified, "the verification");

        var profile = await customer.GetFromJsonAsync<CustomerProfileView>("/api/customers/me");
        Assert.Equal((customerId, email, "Pat Profile"), (profile!.CustomerId, profile.Email, profile.DisplayName));
    }

    [Fact]
    public async Task Should_keep_the_store_off_a_persons_routes_and_people_off_the_stores()
    {
        using var store = fixture.Store();
        using var customer = fixture.CreateClient(Guid.NewGuid(), Roles.Customer);
        using var admin = fixture.CreateClient(Guid.NewGuid(), Roles.Admin);
        using var anonymous = fixture.Service.CreateClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await store.GetAsync("/api/customers/me/orders")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await store.GetAsync("/api/customers/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.PutAsJsonAsync($"/api/customers/orders/{CustomersFixture.NewOrderId()}", CustomersFixture.Order(CustomersFixture.NewEmail()))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync($"/api/customers/orders/{CustomersFixture.NewOrderId()}/events", new { eventId = "e", type = "paid", at = DateTimeOffset.UtcNow })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/customers/me/orders")).StatusCode);
    }
}
