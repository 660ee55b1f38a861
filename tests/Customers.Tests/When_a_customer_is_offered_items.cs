using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Customers.Tests;

/// <summary>Item-to-item recommendations from everyone's orders, counted as the orders arrive.</summary>
[Collection(CustomersCollection.Name)]
public sealed class When_a_customer_is_offered_items(CustomersFixture fixture)
{
    [Fact]
    public async Task Should_offer_what_others_bought_with_their_items_first_and_never_what_they_have()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        (string, string) a = ($"A-{tag}", "books"), b = ($"B-{tag}", "books"), c = ($"C-{tag}", "games");
        // B is bought with A twice; C once with A and once alone: B is the likelier companion of A.
        foreach (var items in new[] { new[] { a, b }, [a, b], [a, c], [c] })
            await fixture.PutOrderAsync(CustomersFixture.NewOrderId(), CustomersFixture.OrderOf(CustomersFixture.NewEmail("other"), items));
        var email = CustomersFixture.NewEmail("offered");
        var customerId = await fixture.SignUpAsync(email);
        await fixture.PutOrderAsync(CustomersFixture.NewOrderId(), CustomersFixture.OrderOf(email, a));
        using var customer = fixture.CreateClient(customerId, Roles.Customer);

        var offered = await customer.GetFromJsonAsync<List<RecommendationView>>("/api/customers/me/recommendations");

        Assert.Equal(b.Item1, offered![0].Sku);
        Assert.Equal($"Often bought with Item {a.Item1}", offered[0].Reason);
        Assert.Equal(c.Item1, offered[1].Sku);
        Assert.DoesNotContain(offered, r => r.Sku == a.Item1);
        using var staff = fixture.CreateClient(Guid.NewGuid(), Roles.SuccessManager);
        var view = await staff.GetFromJsonAsync<Customer360View>($"/api/customers/{customerId}");
        Assert.Equal(b.Item1, view!.Suggestions[0].Sku);
    }

    [Fact]
    public async Task Should_offer_a_consumable_again_and_popular_items_to_a_customer_without_orders()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        (string, string) tea = ($"TEA-{tag}", "consumable"), pot = ($"POT-{tag}", "kitchen");
        for (var i = 0; i < 2; i++)
            await fixture.PutOrderAsync(CustomersFixture.NewOrderId(), CustomersFixture.OrderOf(CustomersFixture.NewEmail("tea"), tea, pot));
        var email = CustomersFixture.NewEmail("drinker");
        var drinker = await fixture.SignUpAsync(email);
        await fixture.PutOrderAsync(CustomersFixture.NewOrderId(), CustomersFixture.OrderOf(email, tea, pot));
        var newcomer = await fixture.SignUpAsync(CustomersFixture.NewEmail("newcomer"));

        using var drinkerClient = fixture.CreateClient(drinker, Roles.Customer);
        using var newcomerClient = fixture.CreateClient(newcomer, Roles.Customer);
        var again = await drinkerClient.GetFromJsonAsync<List<RecommendationView>>("/api/customers/me/recommendations");
        var popular = await newcomerClient.GetFromJsonAsync<List<RecommendationView>>("/api/customers/me/recommendations");

        Assert.Contains(again!, r => r.Sku == tea.Item1);
        Assert.DoesNotContain(again!, r => r.Sku == pot.Item1);
        Assert.NotEmpty(popular!);
        Assert.All(popular!, r => Assert.Equal("Popular with our customers", r.Reason));
    }

    [Fact]
    public async Task Should_count_an_orders_corrected_lines_instead_of_its_first_ones()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        (string, string) a = ($"A-{tag}", "books"), b = ($"B-{tag}", "books"), c = ($"C-{tag}", "games");
        var orderId = CustomersFixture.NewOrderId();
        var buyer = CustomersFixture.NewEmail("corrected");
        // The store first sent A with B, then corrected it to A with C; a second correction is the same again.
        await fixture.PutOrderAsync(orderId, CustomersFixture.OrderOf(buyer, a, b));
        (await fixture.PutOrderAsync(orderId, CustomersFixture.OrderOf(buyer, a, c))).EnsureSuccessStatusCode();
        (await fixture.PutOrderAsync(orderId, CustomersFixture.OrderOf(buyer, a, c))).EnsureSuccessStatusCode();

        var pairs = await fixture.ReadAsync(db => db.CoPurchases.Where(p => p.Sku == a.Item1).ToDictionaryAsync(p => p.OtherSku, p => p.Orders));
        var items = await fixture.ReadAsync(db => db.ItemStats.Where(i => i.Sku.EndsWith(tag)).ToDictionaryAsync(i => i.Sku, i => i.Orders));

        Assert.Equal(new Dictionary<string, int> { [c.Item1] = 1 }, pairs);
        Assert.Equal(new Dictionary<string, int> { [a.Item1] = 1, [c.Item1] = 1 }, items);
    }
}
