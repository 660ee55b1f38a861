using System.Net;
using System.Net.Http.Json;

namespace CustomerPlatform.Notifications.Tests;

[Collection(NotificationsCollection.Name)]
public sealed class When_a_customer_reads_the_inbox(NotificationsFixture fixture)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Should_list_only_their_own_notifications_newest_first_in_pages()
    {
        var customerId = Guid.NewGuid();
        var mine = Enumerable.Range(0, 5).Select(i => Seed.Sent(customerId, Start.AddMinutes(i), $"Change {i}")).ToArray();
        await fixture.SeedAsync([.. mine, Seed.Sent(Guid.NewGuid(), Start.AddMinutes(10), "Someone else's")]);
        using var client = fixture.CreateClient(customerId, Roles.Customer);

        var first = await client.GetFromJsonAsync<InboxPage>("/api/notifications?pageSize=2");
        var third = await client.GetFromJsonAsync<InboxPage>("/api/notifications?page=3&pageSize=2");

        Assert.Equal(5, first!.Total);
        Assert.Equal(5, first.Unread);
        Assert.Equal(["Change 4", "Change 3"], first.Items.Select(i => i.Subject));
        Assert.Equal("Hi Ann, Change 4.", first.Items[0].Body);
        Assert.Equal(["Change 0"], third!.Items.Select(i => i.Subject));
    }

    [Fact]
    public async Task Should_mark_one_read_and_answer_404_for_someone_elses()
    {
        var customerId = Guid.NewGuid();
        var mine = Seed.Sent(customerId, Start);
        var theirs = Seed.Sent(Guid.NewGuid(), Start);
        await fixture.SeedAsync(mine, theirs);
        using var client = fixture.CreateClient(customerId, Roles.Customer);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/notifications/{mine.Id}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/notifications/{mine.Id}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/notifications/{theirs.Id}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/notifications/{Guid.NewGuid()}/read", null)).StatusCode);

        var inbox = await client.GetFromJsonAsync<InboxPage>("/api/notifications");
        Assert.Equal(0, inbox!.Unread);
        Assert.NotNull(Assert.Single(inbox.Items).ReadAt);
        Assert.Null((await fixture.ReadAsync(theirs.Id))!.ReadAt);
    }

    [Fact]
    public async Task Should_mark_all_read()
    {
        var customerId = Guid.NewGuid();
        await fixture.SeedAsync(Seed.Sent(customerId, Start), Seed.Sent(customerId, Start.AddMinutes(1)));
        using var client = fixture.CreateClient(customerId, Roles.Customer);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/notifications/read-all", null)).StatusCode);

        var inbox = await client.GetFromJsonAsync<InboxPage>("/api/notifications");
        Assert.Equal(0, inbox!.Unread);
        Assert.All(inbox.Items, i => Assert.NotNull(i.ReadAt));
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=-1", "pageSize")]
    public async Task Should_answer_400_naming_a_malformed_paging_parameter(string query, string field)
    {
        using var client = fixture.CreateClient(Guid.NewGuid(), Roles.Customer);

        await ApiAssert.BadRequestNamingAsync(await client.GetAsync($"/api/notifications?{query}"), field);
    }

    [Fact]
    public async Task Should_answer_401_without_a_signed_in_caller()
    {
        using var anonymous = fixture.Service.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/notifications")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/notifications/preferences")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/notifications/status")).StatusCode);
    }
}
