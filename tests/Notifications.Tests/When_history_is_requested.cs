using System.Net;
using System.Net.Http.Json;

namespace CustomerPlatform.Notifications.Tests;

[Collection(NotificationsCollection.Name)]
public sealed class When_history_is_requested(NotificationsFixture fixture)
{
    private static readonly DateTimeOffset Start = new(2026, 2, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Should_show_a_customer_their_own_delivery_log()
    {
        var customerId = Guid.NewGuid();
        var sent = Seed.Sent(customerId, Start);
        var failed = Seed.Sent(customerId, Start.AddMinutes(1));
        failed.MarkFailed(NotificationStatus.Failed, "retries-exhausted: Connection refused", Start.AddMinutes(5));
        await fixture.SeedAsync(sent, failed, Seed.Sent(Guid.NewGuid(), Start));
        using var client = fixture.CreateClient(customerId, Roles.Customer);

        var history = await client.GetFromJsonAsync<HistoryPage>("/api/notifications/history");

        Assert.Equal(customerId, history!.CustomerId);
        Assert.Equal(2, history.Total);
        Assert.Equal([failed.Id, sent.Id], history.Items.Select(i => i.Id));
        var entry = history.Items[0];
        Assert.Equal("account-changed", entry.Type);
        Assert.Equal("email", entry.Channel);
        Assert.Equal("ann@example.com", entry.Recipient);
        Assert.Equal(NotificationStatus.Failed, entry.Status);
        Assert.Equal("retries-exhausted: Connection refused", entry.LastError);
        Assert.Equal(Start.AddMinutes(5), entry.FailedAt);
        Assert.Equal(Start.AddSeconds(1), history.Items[1].SentAt);
    }

    [Fact]
    public async Task Should_answer_404_to_a_customer_asking_for_someone_elses()
    {
        var other = Guid.NewGuid();
        await fixture.SeedAsync(Seed.Sent(other, Start));
        using var client = fixture.CreateClient(Guid.NewGuid(), Roles.Customer);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/notifications/history?customerId={other}")).StatusCode);
    }

    [Theory]
    [InlineData(Roles.SuccessManager)]
    [InlineData(Roles.Agent)]
    [InlineData(Roles.Admin)]
    public async Task Should_let_staff_read_a_customers_history(string role)
    {
        var customerId = Guid.NewGuid();
        await fixture.SeedAsync(Seed.Sent(customerId, Start));
        using var staff = fixture.CreateClient(Guid.NewGuid(), role);

        var history = await staff.GetFromJsonAsync<HistoryPage>($"/api/notifications/history?customerId={customerId}");

        Assert.Equal(customerId, history!.CustomerId);
        Assert.Single(history.Items);
    }

    [Theory]
    [InlineData("customerId=not-a-guid", "customerId")]
    [InlineData("pageSize=0", "pageSize")]
    public async Task Should_answer_400_naming_a_malformed_parameter(string query, string field)
    {
        using var staff = fixture.CreateClient(Guid.NewGuid(), Roles.Admin);

        await ApiAssert.BadRequestNamingAsync(await staff.GetAsync($"/api/notifications/history?{query}"), field);
    }
}
