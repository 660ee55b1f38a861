using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Ticketing;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Tests;

/// <summary>Staff set status, priority and tags, and keep internal notes the customer never sees nor hears of.</summary>
[Collection(TicketingCollection.Name)]
public sealed class When_staff_work_a_ticket(TicketingFixture fixture)
{
    [Fact]
    public async Task Should_change_status_priority_and_tags()
    {
        var agentId = await fixture.AddStaffAsync("Lee Agent", Roles.Agent);
        var command = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), agentId));
        var agent = fixture.CreateClient(agentId, Roles.Agent);

        var response = await agent.PatchAsJsonAsync($"/api/support/tickets/{command.TicketId}",
            new { status = TicketStatuses.OnHold, priority = TicketPriorities.Urgent, tags = new[] { "carrier", "Refund", "carrier" } });

        response.EnsureSuccessStatusCode();
        var summary = await response.Content.ReadFromJsonAsync<TicketSummary>();
        Assert.Equal((TicketStatuses.OnHold, TicketPriorities.Urgent), (summary!.Status, summary.Priority));
        Assert.Equal(["carrier", "refund"], summary.Tags);
        var urgent = await agent.GetFromJsonAsync<TicketPage>("/api/support/tickets?priority=urgent,high&status=on-hold&assignee=me");
        Assert.Contains(urgent!.Items, t => t.TicketId == command.TicketId);
        Assert.Null(summary.SolvedAt);
    }

    public static TheoryData<string, string> BadChanges() => new()
    {
        { "{\"status\": \"closed\"}", "status" },
        { "{\"status\": \"new\"}", "status" },
        { "{\"status\": \"done\"}", "status" },
        { "{\"priority\": \"extreme\"}", "priority" },
        { "{\"tags\": [\"has space\"]}", "tags[0]" },
        { "{\"tags\": [\"ok\", \"\"]}", "tags[1]" },
        { $"{{\"tags\": [{string.Join(",", Enumerable.Range(0, 21).Select(i => $"\"t{i}\""))}]}}", "tags" },
    };

    [Theory]
    [MemberData(nameof(BadChanges))]
    public async Task Should_refuse_a_bad_change_naming_the_field_and_change_nothing(string json, string field)
    {
        var agentId = await fixture.AddStaffAsync("Kai Agent", Roles.Agent);
        var command = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), agentId));

        var response = await fixture.CreateClient(agentId, Roles.Agent).PatchAsync($"/api/support/tickets/{command.TicketId}",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await ApiAssert.BadRequestNamingAsync(response, field);
        var ticket = await fixture.ReadAsync(db => db.Tickets.AsNoTracking().SingleAsync(t => t.Id == command.TicketId));
        Assert.Equal((TicketStatuses.Open, TicketPriorities.Normal, 0), (ticket.Status, ticket.Priority, ticket.Tags.Count));
    }

    [Fact]
    public async Task Should_not_let_a_customer_change_a_ticket()
    {
        var command = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), null));

        var response = await fixture.CreateClient(command.CustomerId, Roles.Customer)
            .PatchAsJsonAsync($"/api/support/tickets/{command.TicketId}", new { priority = TicketPriorities.Urgent });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(TicketPriorities.Normal, await fixture.ReadAsync(db => db.Tickets.Where(t => t.Id == command.TicketId).Select(t => t.Priority).SingleAsync()));
    }

    [Fact]
    public async Task Should_keep_an_internal_note_from_the_customer()
    {
        var agentId = await fixture.AddStaffAsync("Ola Agent", Roles.Agent);
        var command = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), agentId));
        var agent = fixture.CreateClient(agentId, Roles.Agent);
        var customer = fixture.CreateClient(command.CustomerId, Roles.Customer);

        var note = await agent.PostAsJsonAsync($"/api/support/tickets/{command.TicketId}/messages", new { body = "Customer is on the old plan.", @internal = true });
        var sneaky = await customer.PostAsJsonAsync($"/api/support/tickets/{command.TicketId}/messages", new { body = "psst", @internal = true });

        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        var noteView = await note.Content.ReadFromJsonAsync<TicketMessageView>();
        await ApiAssert.BadRequestNamingAsync(sneaky, "internal");
        var asStaff = await agent.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{command.TicketId}");
        var asCustomer = await customer.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{command.TicketId}");
        Assert.Contains(asStaff!.Messages, m => m.Internal && m.Body == "Customer is on the old plan.");
        Assert.DoesNotContain(asCustomer!.Messages, m => m.Internal || m.Body.Contains("old plan"));
        Assert.Equal(TicketStatuses.Open, asStaff.Status); // a note is not an answer: still waiting on staff
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(fixture.Events.All<TicketAnswered>(), e => e.TicketId == command.TicketId);
        Assert.DoesNotContain(fixture.Events.All<SendEmail>(), e => e.NotificationId == noteView!.MessageId);
    }
}
