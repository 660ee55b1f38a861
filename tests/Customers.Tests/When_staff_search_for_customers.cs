using System.Net;
using System.Net.Http.Json;

namespace CustomerPlatform.Customers.Tests;

[Collection(CustomersCollection.Name)]
public sealed class When_staff_search_for_customers(CustomersFixture fixture)
{
    [Fact]
    public async Task Should_find_a_customer_by_a_misspelt_name_a_piece_of_the_address_or_an_order_number()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"marguerite.{tag}@example.com";
        var customerId = await fixture.SignUpAsync(email, $"Marguerite Okonkwo{tag}");
        var orderId = CustomersFixture.NewOrderId();
        await fixture.PutOrderAsync(orderId, CustomersFixture.Order(email));
        using var staff = fixture.CreateClient(Guid.NewGuid(), Roles.Agent);

        var misspelt = await staff.GetFromJsonAsync<CustomerSearchPage>($"/api/customers?q={Uri.EscapeDataString($"Margerite Okonkow{tag}")}");
        var piece = await staff.GetFromJsonAsync<CustomerSearchPage>($"/api/customers?q=marguerite.{tag}");
        var byOrder = await staff.GetFromJsonAsync<CustomerSearchPage>($"/api/customers?q={orderId[..12]}");

        Assert.Equal(customerId, misspelt!.Items.First().CustomerId);
        Assert.Equal(customerId, Assert.Single(piece!.Items).CustomerId);
        Assert.Equal(customerId, byOrder!.Items.First().CustomerId);
    }

    [Fact]
    public async Task Should_find_a_short_address_with_a_typo_and_not_everyone_at_its_domain()
    {
        // Trigrams cannot tell "crkz49@…" from every other short address at the same domain: most of what they share
        // is the domain. The address is found by edit distance, and only it.
        var domain = $"mail{Guid.NewGuid().ToString("N")[..8]}.com";
        foreach (var local in new[] { "ann12", "bob77", "carla5", "dora31", "eve08", "fred64" })
            await fixture.SignUpAsync($"{local}@{domain}", $"Someone Else {local}");
        var customerId = await fixture.SignUpAsync($"cruz49@{domain}", "Cruz Stracke");
        using var staff = fixture.CreateClient(Guid.NewGuid(), Roles.Agent);

        var typo = await staff.GetFromJsonAsync<CustomerSearchPage>($"/api/customers?q={Uri.EscapeDataString($"crkz49@{domain}")}");
        var atMistyped = await staff.GetFromJsonAsync<CustomerSearchPage>($"/api/customers?q={Uri.EscapeDataString($"cruz49o{domain}")}");

        Assert.Equal(customerId, Assert.Single(typo!.Items).CustomerId);
        Assert.Equal(customerId, atMistyped!.Items.First().CustomerId);
    }

    [Fact]
    public async Task Should_page_the_matches_and_refuse_bad_queries_and_customers()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        for (var i = 0; i < 5; i++)
            await fixture.SignUpAsync($"pager{i}.{tag}@example.com", $"Pat Pager {tag}");
        using var staff = fixture.CreateClient(Guid.NewGuid(), Roles.Admin);
        using var customer = fixture.CreateClient(Guid.NewGuid(), Roles.Customer);

        var first = await staff.GetFromJsonAsync<CustomerSearchPage>($"/api/customers?q={tag}&pageSize=2");
        var third = await staff.GetFromJsonAsync<CustomerSearchPage>($"/api/customers?q={tag}&pageSize=2&page=3");

        Assert.Equal(5, first!.Total);
        Assert.Equal(2, first.Items.Count);
        Assert.Single(third!.Items);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync("/api/customers?q=a")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync($"/api/customers?q={tag}&pageSize=1000")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync($"/api/customers?q={tag}")).StatusCode);
    }
}
