using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Customers.Tests;

/// <summary>Staff keep a customer's company, job title, phones, addresses and tags; every change is audited, on the timeline and searchable.</summary>
[Collection(CustomersCollection.Name)]
public sealed class When_staff_keep_a_customers_details(CustomersFixture fixture)
{
    [Fact]
    public async Task Should_save_the_details_audit_each_field_changed_and_put_the_change_on_the_timeline()
    {
        var customerId = await fixture.SignUpAsync(CustomersFixture.NewEmail("details"));
        using var staff = Staff("Ada Admin", Roles.Admin);

        using var saved = await staff.PatchAsJsonAsync($"/api/customers/{customerId}/profile", new
        {
            company = "  Acme Widgets ",
            phones = new[] { new { label = "work", number = "+33 1 23 45 67 89" } },
            addresses = new[] { new { label = "office", line1 = "1 rue de la Paix", city = "Paris", postalCode = "75002", country = "fr" } },
            tags = new[] { "VIP", "renewal due", "vip" },
        });
        using var again = await staff.PatchAsJsonAsync($"/api/customers/{customerId}/profile", new { company = "Acme Widgets", tags = new[] { "vip" } });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var details = (await again.Content.ReadFromJsonAsync<CustomerDetailsView>())!;
        Assert.Equal("Acme Widgets", details.Company);
        Assert.Equal("FR", Assert.Single(details.Addresses).Country);
        Assert.Equal(["vip"], details.Tags);

        var changes = (await staff.GetFromJsonAsync<List<ProfileChangeView>>($"/api/customers/{customerId}/changes"))!;
        // The first save changed four fields; the second only the tags (the company was the same).
        Assert.Equal(5, changes.Count);
        Assert.All(changes, c => Assert.Equal("Ada Admin", c.ChangedByName));
        var tags = changes.Where(c => c.Field == "tags").OrderBy(c => c.At).ToList();
        Assert.Equal([null, "vip, renewal due"], tags.Select(c => c.OldValue));
        Assert.Equal(["vip, renewal due", "vip"], tags.Select(c => c.NewValue));
        Assert.Equal("work: +33 1 23 45 67 89", changes.Single(c => c.Field == "phones").NewValue);

        var view = (await staff.GetFromJsonAsync<Customer360View>($"/api/customers/{customerId}"))!;
        Assert.Equal("Acme Widgets", view.Details.Company);
        Assert.Equal(5, view.Changes.Count);
        Assert.Equal(2, view.Timeline.Entries.Count(e => e.Kind == "profile-changed"));
        Assert.Contains(view.Timeline.Entries, e => e.Text == "Ada Admin changed the company, the phone numbers, the addresses, the tags");
    }

    [Fact]
    public async Task Should_refuse_bad_details_naming_each_field_and_change_nothing()
    {
        var customerId = await fixture.SignUpAsync(CustomersFixture.NewEmail("bad-details"));
        using var staff = Staff("Ada Admin", Roles.Agent);

        using var refused = await staff.PatchAsJsonAsync($"/api/customers/{customerId}/profile", new
        {
            company = "Fine Company",
            phones = new[] { new { label = "work", number = "+33 1 23 45 67 89" }, new { label = "home", number = "call me" } },
            addresses = new[] { new { label = (string?)null, line1 = "", city = "Paris", postalCode = (string?)null, country = "France" } },
            tags = new[] { "ok", "<script>" },
        });
        using var empty = await staff.PatchAsJsonAsync($"/api/customers/{customerId}/profile", new { });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["addresses[0].country", "addresses[0].line1", "phones[1].number", "tags[1]"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Null(await fixture.ReadAsync(db => db.Profiles.Where(p => p.CustomerId == customerId).Select(p => p.Company).SingleAsync()));
        Assert.False(await fixture.ReadAsync(db => db.ProfileChanges.AnyAsync(c => c.CustomerId == customerId)));
    }

    [Fact]
    public async Task Should_answer_404_for_an_unknown_customer_and_let_no_customer_change_details()
    {
        var customerId = await fixture.SignUpAsync(CustomersFixture.NewEmail("owner"));
        using var staff = Staff("Ada Admin", Roles.SuccessManager);
        using var customer = fixture.CreateClient(customerId, Roles.Customer);

        Assert.Equal(HttpStatusCode.NotFound, (await staff.PatchAsJsonAsync($"/api/customers/{Guid.NewGuid()}/profile", new { company = "X" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/customers/{Guid.NewGuid()}/changes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.PatchAsJsonAsync($"/api/customers/{customerId}/profile", new { company = "X" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync($"/api/customers/{customerId}/changes")).StatusCode);
    }

    [Fact]
    public async Task Should_find_the_customer_by_a_misspelt_company_a_phone_typed_differently_or_words_in_any_order()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var digits = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var customerId = await fixture.SignUpAsync($"q.{tag}@example.com", $"Quentin Zyborski{tag}");
        using var staff = Staff("Ada Admin", Roles.Agent);
        (await staff.PatchAsJsonAsync($"/api/customers/{customerId}/profile", new
        {
            company = $"Brightwater Logistics{tag}",
            phones = new[] { new { label = "mobile", number = $"+44 7{digits[..3]} {digits[3..]}" } },
        })).EnsureSuccessStatusCode();

        var company = await SearchAsync(staff, $"Brigthwater Logistics{tag}");
        var phone = await SearchAsync(staff, $"(7{digits[..3]}) {digits[3..5]}-{digits[5..]}");
        var reversed = await SearchAsync(staff, $"zyborski{tag} quent");

        Assert.Equal(customerId, company.Items.First().CustomerId);
        Assert.Equal($"Brightwater Logistics{tag}", company.Items.First().Company);
        Assert.Equal(customerId, Assert.Single(phone.Items).CustomerId);
        Assert.Equal(customerId, reversed.Items.First().CustomerId);
    }

    [Fact]
    public async Task Should_fill_the_profile_from_the_onboarding_details_and_the_csm_without_undoing_a_newer_staff_change()
    {
        var customerId = await fixture.SignUpAsync(CustomersFixture.NewEmail("onboarded"));
        using var staff = Staff("Ada Admin", Roles.Admin);
        var submitted = DateTimeOffset.UtcNow.AddMinutes(-5);
        var details = new CustomerDetailsSubmitted
        {
            CustomerId = customerId, Company = "Old Name Ltd", JobTitle = "Head of Ops", TeamSize = 12, Phone = "+1 555 0100",
            Timezone = "Europe/Paris", SubmittedAt = submitted,
        };
        // Staff renamed the company after the customer submitted the form; the form's event arrives late, twice.
        (await staff.PatchAsJsonAsync($"/api/customers/{customerId}/profile", new { company = "New Name Ltd" })).EnsureSuccessStatusCode();
        await fixture.Bus.Publish(details);
        await fixture.Bus.Publish(details);
        await fixture.Bus.Publish(new SuccessManagerAssigned
        {
            CustomerId = customerId, SuccessManagerId = Guid.NewGuid(), SuccessManagerName = "Casey Success", SuccessManagerEmail = "csm@example.com",
            AssignedAt = DateTimeOffset.UtcNow,
        });

        Customer360View? view = null;
        await CustomersFixture.WaitUntilAsync(async () =>
        {
            view = await staff.GetFromJsonAsync<Customer360View>($"/api/customers/{customerId}");
            return view!.Details.JobTitle is not null && view.Details.SuccessManagerName is not null;
        }, "the details and the CSM on the profile");
        await Task.Delay(500);
        view = await staff.GetFromJsonAsync<Customer360View>($"/api/customers/{customerId}");

        Assert.Equal("New Name Ltd", view!.Details.Company);
        Assert.Equal("Head of Ops", view.Details.JobTitle);
        Assert.Equal("Europe/Paris", view.Details.TimeZone);
        Assert.Equal("+1 555 0100", Assert.Single(view.Details.Phones).Number);
        Assert.Equal("Casey Success", view.Details.SuccessManagerName);
        Assert.Equal(2, view.Changes.Count(c => c.ChangedByName == "The customer (onboarding details)"));
        Assert.Single(view.Timeline.Entries, e => e.Kind == "details-submitted");
    }

    private HttpClient Staff(string name, string role)
    {
        var client = fixture.CreateClient(Guid.NewGuid(), role);
        client.DefaultRequestHeaders.Add(TestAuthHandler.NameHeader, name);
        return client;
    }

    private static async Task<CustomerSearchPage> SearchAsync(HttpClient staff, string q) =>
        (await staff.GetFromJsonAsync<CustomerSearchPage>($"/api/customers?q={Uri.EscapeDataString(q)}"))!;
}
