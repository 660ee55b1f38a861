using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Tests;

[Collection(TicketingCollection.Name)]
public sealed class When_a_request_is_malformed(TicketingFixture fixture)
{
    public static TheoryData<string, string, string> Bodies() => new()
    {
        { "{\"body\": \"\"}", "application/json", "body" },
        { "{\"body\": \"   \"}", "application/json", "body" },
        { "{}", "application/json", "body" },
        { "{\"body\": 5}", "application/json", "body" },
        { "{\"body\": ", "application/json", "body" },
        { "body=hello", "text/plain", "body" },
        { $"{{\"body\": \"{new string('x', 10_001)}\"}}", "application/json", "body" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Should_refuse_a_bad_message_naming_the_field_and_write_nothing(string json, string contentType, string field)
    {
        var command = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), null));
        var customer = fixture.CreateClient(command.CustomerId, Roles.Customer);

        var response = await customer.PostAsync($"/api/support/tickets/{command.TicketId}/messages", new StringContent(json, Encoding.UTF8, contentType));

        await ApiAssert.BadRequestNamingAsync(response, field);
        Assert.Equal(1, await fixture.ReadAsync(db => db.Messages.CountAsync(m => m.TicketId == command.TicketId)));
    }

    [Fact]
    public async Task Should_accept_a_message_of_exactly_the_limit()
    {
        var command = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), null));
        var customer = fixture.CreateClient(command.CustomerId, Roles.Customer);

        var response = await customer.PostAsJsonAsync($"/api/support/tickets/{command.TicketId}/messages", new { body = new string('x', 10_000) });

        response.EnsureSuccessStatusCode();
    }

    [Theory]
    [InlineData("status=resolved", "status")]
    [InlineData("priority=extreme", "priority")]
    [InlineData("channel=fax", "channel")]
    [InlineData("assignee=someone", "assignee")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=ten", "pageSize")]
    public async Task Should_refuse_a_bad_list_query_naming_the_parameter(string query, string field)
    {
        var response = await fixture.CreateClient(Guid.NewGuid(), Roles.Customer).GetAsync($"/api/support/tickets?{query}");

        await ApiAssert.BadRequestNamingAsync(response, field);
    }

    [Fact]
    public async Task Should_refuse_an_assignment_to_someone_who_is_not_staff()
    {
        var command = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), null));
        var admin = fixture.CreateClient(Guid.NewGuid(), Roles.Admin);

        var unknown = await admin.PostAsJsonAsync($"/api/support/tickets/{command.TicketId}/assign", new { assigneeId = Guid.NewGuid() });
        var missing = await admin.PostAsJsonAsync($"/api/support/tickets/{command.TicketId}/assign", new { });

        await ApiAssert.BadRequestNamingAsync(unknown, "assigneeId");
        await ApiAssert.BadRequestNamingAsync(missing, "assigneeId");
        Assert.Null(await fixture.ReadAsync(db => db.Tickets.Where(t => t.Id == command.TicketId).Select(t => t.AssigneeId).SingleAsync()));
    }
}
