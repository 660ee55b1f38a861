using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Ticketing;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Tests;

[Collection(TicketingCollection.Name)]
public sealed class When_a_call_is_logged(TicketingFixture fixture)
{
    private sealed record LoggedCall(Guid TicketId, long Number, Guid MessageId);

    [Fact]
    public async Task Should_open_a_ticket_with_the_agent_who_took_the_call()
    {
        var agent = await fixture.AddStaffAsync("Sam Support", Roles.Agent);
        var staff = fixture.CreateClient(agent, Roles.Agent);

        var response = await staff.PostAsJsonAsync("/api/support/calls", new
        {
            callerName = "Carl Caller", callerPhone = "+44 20 7946 0000", direction = "inbound", durationSeconds = 252,
            summary = "Cannot log in since the update; reset his password together.",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var logged = await response.Content.ReadFromJsonAsync<LoggedCall>();
        var ticket = await staff.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{logged!.TicketId}");
        Assert.Equal((TicketChannels.Phone, TicketStatuses.Open, agent, "Phone call with Carl Caller"), (ticket!.Channel, ticket.Status, ticket.AssigneeId, ticket.Subject));
        Assert.Equal(CustomerContact.CallerId("+442079460000"), ticket.CustomerId);
        var note = Assert.Single(ticket.Messages);
        Assert.Equal((TicketChannels.Phone, true, AuthorRoles.Staff), (note.Channel, note.Internal, note.AuthorRole));
        Assert.Equal("Call from Carl Caller (+44 20 7946 0000), 4 min 12 s.\n\nCannot log in since the update; reset his password together.", note.Body);
        var call = await fixture.ReadAsync(db => db.Calls.SingleAsync(c => c.MessageId == logged.MessageId));
        Assert.Equal((252, TicketCall.Inbound, agent), (call.DurationSeconds, call.Direction, call.LoggedBy));
        var opened = await fixture.Events.WaitForAsync<TicketOpened>(e => e.TicketId == logged.TicketId);
        Assert.Equal(TicketChannels.Phone, opened.Channel);
    }

    [Fact]
    public async Task Should_log_a_call_onto_an_existing_ticket_without_emailing_the_customer()
    {
        var agent = await fixture.AddStaffAsync("Sam Support", Roles.Agent);
        var command = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), agent));
        var staff = fixture.CreateClient(agent, Roles.Agent);

        var response = await staff.PostAsJsonAsync("/api/support/calls", new
        {
            ticketId = command.TicketId, direction = "outbound", durationSeconds = 45, summary = "Called back; left a voicemail.",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var logged = await response.Content.ReadFromJsonAsync<LoggedCall>();
        Assert.Equal(command.TicketId, logged!.TicketId);
        var ticket = await staff.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{command.TicketId}");
        Assert.Equal("Call to Ann Example, 45 s.\n\nCalled back; left a voicemail.", ticket!.Messages[^1].Body);
        var customer = await fixture.CreateCustomer(command.CustomerId).GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{command.TicketId}");
        Assert.DoesNotContain(customer!.Messages, m => m.Channel == TicketChannels.Phone);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(fixture.Events.All<SendEmail>(), e => e.NotificationId == logged.MessageId);
    }

    [Fact]
    public async Task Should_refuse_a_call_without_its_length_caller_or_summary_and_store_nothing()
    {
        var agent = await fixture.AddStaffAsync("Sam Support", Roles.Agent);
        var staff = fixture.CreateClient(agent, Roles.Agent);
        var before = await fixture.ReadAsync(db => db.Calls.CountAsync());

        await ApiAssert.BadRequestNamingAsync(await staff.PostAsJsonAsync("/api/support/calls", new { callerPhone = "+33 1 23 45 67 89", summary = "Hi" }), "durationSeconds");
        await ApiAssert.BadRequestNamingAsync(await staff.PostAsJsonAsync("/api/support/calls", new { durationSeconds = 10, summary = "Hi" }), "callerPhone");
        await ApiAssert.BadRequestNamingAsync(await staff.PostAsJsonAsync("/api/support/calls", new { callerPhone = "call me", durationSeconds = 10, summary = "Hi" }), "callerPhone");
        await ApiAssert.BadRequestNamingAsync(await staff.PostAsJsonAsync("/api/support/calls", new { callerEmail = "not-an-address", durationSeconds = 10, summary = "Hi" }), "callerEmail");
        await ApiAssert.BadRequestNamingAsync(await staff.PostAsJsonAsync("/api/support/calls", new { callerPhone = "+33 1 23 45 67 89", durationSeconds = 10 }), "summary");
        await ApiAssert.BadRequestNamingAsync(await staff.PostAsJsonAsync("/api/support/calls", new { callerPhone = "+33 1 23 45 67 89", durationSeconds = -1, summary = "Hi" }), "durationSeconds");
        await ApiAssert.BadRequestNamingAsync(await staff.PostAsJsonAsync("/api/support/calls", new { callerPhone = "+33 1 23 45 67 89", durationSeconds = 10, summary = "Hi", direction = "sideways" }), "direction");

        Assert.Equal(before, await fixture.ReadAsync(db => db.Calls.CountAsync()));
    }

    [Fact]
    public async Task Should_not_let_a_customer_log_a_call()
    {
        var response = await fixture.CreateCustomer(Guid.NewGuid()).PostAsJsonAsync("/api/support/calls", new { callerPhone = "+33 1 23 45 67 89", durationSeconds = 10, summary = "Hi" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
