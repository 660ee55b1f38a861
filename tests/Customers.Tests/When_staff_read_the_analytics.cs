using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Customers.Tests;

/// <summary>Each test's figures live on a day or month of their own, far from the others', so the shared database does not mix them.</summary>
[Collection(CustomersCollection.Name)]
public sealed class When_staff_read_the_analytics(CustomersFixture fixture)
{
    [Fact]
    public async Task Should_count_the_cohort_at_each_journey_step_with_the_drop_off_and_the_time_per_step()
    {
        var day = UniqueDay();
        var customers = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        foreach (var customerId in customers)
            await fixture.Bus.Publish(new CustomerSignedUp { CustomerId = customerId, Email = CustomersFixture.NewEmail("funnel"), DisplayName = "Fay Funnel", SignedUpAt = day });
        // Step 2 took 1 h, 3 h and 5 h; step 3, 2 h for the one who got there.
        (int Customer, int Step, double Hours)[] steps = [(0, 1, 0), (1, 1, 0), (2, 1, 0), (0, 2, 1), (1, 2, 3), (2, 2, 5), (0, 3, 3)];
        foreach (var (customer, step, hours) in steps)
            await fixture.Bus.Publish(new OnboardingStepCompleted { CustomerId = customers[customer], Step = step, Key = $"key-{step}", CompletedAt = day.AddHours(hours) });
        await CustomersFixture.WaitUntilAsync(async () => await fixture.ReadAsync(db =>
            db.Timeline.CountAsync(e => e.Kind == "journey-step" && customers.Contains(e.CustomerId!.Value))) == steps.Length, "the steps");

        using var staff = fixture.CreateClient(Guid.NewGuid(), Roles.Admin);
        var funnel = (await staff.GetFromJsonAsync<OnboardingFunnelView>($"/api/customers/analytics/onboarding?from={Date(day)}&to={Date(day)}"))!;

        Assert.Equal(3, funnel.SignedUp);
        Assert.Equal(19, funnel.Steps.Count);
        Assert.Equal([3, 3, 1, 0], funnel.Steps.Take(4).Select(s => s.Reached));
        Assert.Equal([0, 0, 2, 1], funnel.Steps.Take(4).Select(s => s.DroppedSincePrevious));
        Assert.Equal("key-2", funnel.Steps[1].Key);
        Assert.Equal(3, funnel.Steps[1].MedianHours);
        Assert.Equal(4.6, funnel.Steps[1].P90Hours);
        Assert.Equal(2, funnel.Steps[2].MedianHours);
        Assert.Null(funnel.Steps[3].MedianHours);
    }

    [Fact]
    public async Task Should_give_revenue_order_value_lifetime_value_repeat_rate_and_retention_cohorts()
    {
        var month = UniqueDay();
        month = new DateTimeOffset(month.Year, month.Month, 1, 12, 0, 0, TimeSpan.Zero);
        var regular = CustomersFixture.NewEmail("regular");
        var guest = CustomersFixture.NewEmail("guest-buyer");
        await fixture.SignUpAsync(regular);
        await PutAsync(regular, month, 100m);
        var second = await PutAsync(regular, month.AddDays(3), 50m);
        await PutAsync(guest, month.AddDays(5), 30m);
        var cancelled = await PutAsync(guest, month.AddDays(6), 999m);
        await PutAsync(guest, month.AddMonths(2), 20m);
        (await fixture.PostEventAsync(second, new { eventId = "refund", type = "refunded", at = month.AddDays(4), amount = 10m })).EnsureSuccessStatusCode();
        (await fixture.PostEventAsync(cancelled, new { eventId = "cancel", type = "cancelled", at = month.AddDays(6) })).EnsureSuccessStatusCode();

        using var staff = fixture.CreateClient(Guid.NewGuid(), Roles.Admin);
        var to = month.AddMonths(1).AddDays(-1);
        var commerce = (await staff.GetFromJsonAsync<CommerceAnalyticsView>($"/api/customers/analytics/commerce?from={Date(month)}&to={Date(to)}"))!;

        var eur = Assert.Single(commerce.ByCurrency);
        Assert.Equal((3, 2, 170m, 60m), (eur.Orders, eur.Buyers, eur.Revenue, eur.AverageOrderValue));
        // Over all their orders: 140 for the regular, 50 for the guest.
        Assert.Equal(95m, eur.CustomerLifetimeValue);
        Assert.Equal(2, commerce.Buyers);
        Assert.Equal(0.5, commerce.RepeatPurchaseRate);
        var cohort = Assert.Single(commerce.Cohorts);
        Assert.Equal(month.ToString("yyyy-MM"), cohort.Month);
        Assert.Equal(2, cohort.Buyers);
        Assert.Equal([1, 0, 0.5], cohort.Retention);
    }

    [Fact]
    public async Task Should_give_the_survey_scores_and_the_time_to_the_first_answer()
    {
        var day = UniqueDay();
        var customerId = await fixture.SignUpAsync(CustomersFixture.NewEmail("support"));
        var other = await fixture.SignUpAsync(CustomersFixture.NewEmail("support"));
        await fixture.Bus.Publish(new SurveyAnswered { CustomerId = customerId, Score = 4, AnsweredAt = day });
        await fixture.Bus.Publish(new SurveyAnswered { CustomerId = other, Score = 2, AnsweredAt = day.AddHours(1) });
        var tickets = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        foreach (var ticketId in tickets)
            await fixture.Bus.Publish(new TicketOpened { TicketId = ticketId, CustomerId = customerId, Kind = "help", Subject = "Help", OpenedAt = day });
        foreach (var (ticketId, hours) in new[] { (tickets[0], 2), (tickets[0], 5), (tickets[1], 4) })
            await fixture.Bus.Publish(new TicketAnswered { TicketId = ticketId, CustomerId = customerId, Kind = "help", AnsweredBy = Guid.NewGuid(), AnsweredAt = day.AddHours(hours) });
        await CustomersFixture.WaitUntilAsync(async () => await fixture.ReadAsync(db =>
            db.Timeline.CountAsync(e => e.At >= day && e.At < day.AddDays(1) && (e.CustomerId == customerId || e.CustomerId == other))) == 8, "the entries");

        using var staff = fixture.CreateClient(Guid.NewGuid(), Roles.SuccessManager);
        var support = (await staff.GetFromJsonAsync<SupportAnalyticsView>($"/api/customers/analytics/support?from={Date(day)}&to={Date(day)}"))!;

        Assert.Equal(2, support.Surveys);
        Assert.Equal(3, support.AverageScore);
        Assert.Equal([0, 1, 0, 1, 0], support.ScoreCounts);
        Assert.Equal((3, 2), (support.TicketsOpened, support.TicketsAnswered));
        Assert.Equal(3, support.MedianFirstAnswerHours);
    }

    [Fact]
    public async Task Should_refuse_a_bad_period_naming_it_and_anyone_but_staff()
    {
        using var staff = fixture.CreateClient(Guid.NewGuid(), Roles.Agent);
        using var customer = fixture.CreateClient(Guid.NewGuid(), Roles.Customer);

        Assert.Contains("\"from\"", await BadAsync(staff, "/api/customers/analytics/onboarding?from=yesterday"));
        Assert.Contains("\"to\"", await BadAsync(staff, "/api/customers/analytics/commerce?from=2026-05-02&to=2026-05-01"));
        Assert.Contains("\"from\"", await BadAsync(staff, "/api/customers/analytics/support?from=2020-01-01&to=2026-01-01"));
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/api/customers/analytics/support")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/customers/analytics/commerce")).StatusCode);
    }

    private static async Task<string> BadAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<string> PutAsync(string email, DateTimeOffset placedAt, decimal price)
    {
        var orderId = CustomersFixture.NewOrderId();
        (await fixture.PutOrderAsync(orderId, new
        {
            customerEmail = email, customerName = "Bea Buyer", placedAt, currency = "EUR",
            lines = new[] { new { sku = "A-1", name = "A thing", category = "things", quantity = 1, unitPrice = price } },
            shippingCost = 0m, total = price, estimatedDelivery = placedAt.AddDays(3),
        })).EnsureSuccessStatusCode();
        return orderId;
    }

    /// <summary>A day between 1990 and 2019, different for every test of the run (and its month too, as far as chance allows).</summary>
    private static DateTimeOffset UniqueDay() =>
        new DateTimeOffset(1990, 1, 1, 8, 0, 0, TimeSpan.Zero).AddMonths(Random.Shared.Next(0, 360)).AddDays(Random.Shared.Next(0, 27));

    private static string Date(DateTimeOffset day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
