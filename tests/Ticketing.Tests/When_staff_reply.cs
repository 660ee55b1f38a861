using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Ticketing;

namespace CustomerPlatform.Ticketing.Tests;

[Collection(TicketingCollection.Name)]
public sealed class When_staff_reply(TicketingFixture fixture)
{
    [Fact]
    public async Task Should_answer_the_ticket_and_email_the_customer_once()
    {
        var csm = await fixture.AddStaffAsync("Sam Success", Roles.SuccessManager);
        var command = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), csm));
        var client = fixture.CreateClient(csm, Roles.SuccessManager);

        var response = await client.PostAsJsonAsync($"/api/support/tickets/{command.TicketId}/messages", new { body = "Open Settings, then Team." });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var message = await response.Content.ReadFromJsonAsync<TicketMessageView>();
        Assert.Equal(AuthorRoles.Staff, message!.AuthorRole);
        Assert.Equal("Sam Success", message.AuthorName);

        var answered = await fixture.Events.WaitForAsync<TicketAnswered>(e => e.TicketId == command.TicketId);
        Assert.Equal(csm, answered.AnsweredBy);
        Assert.Equal(command.Kind, answered.Kind);
        Assert.Equal(command.CustomerId, answered.CustomerId);
        Assert.Equal(command.CorrelationId, answered.CorrelationId);

        var email = await fixture.Events.WaitForAsync<SendEmail>(e => e.NotificationId == message.MessageId);
        Assert.Equal(EmailTemplates.TicketReplied, email.Template);
        Assert.Equal(command.CustomerEmail, email.To);
        Assert.Equal("Ann Example", email.Variables["displayName"]);
        Assert.Equal(command.Subject, email.Variables["ticketSubject"]);
        Assert.Equal("Sam Success", email.Variables["replyAuthor"]);
        Assert.Equal("Open Settings, then Team.", email.Variables["replyExcerpt"]);
        Assert.Equal($"https://app.customerplatform.test/support/tickets/{command.TicketId}", email.Variables["ticketLink"]);

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(fixture.Events.All<SendEmail>(), e => e.NotificationId == message.MessageId);
        Assert.Single(fixture.Events.All<TicketAnswered>(), e => e.TicketId == command.TicketId);

        var ticket = await client.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{command.TicketId}");
        Assert.Equal(TicketStatuses.Pending, ticket!.Status);
        Assert.Equal(2, ticket.Messages.Count);
    }

    [Fact]
    public async Task Should_neither_answer_nor_email_for_the_customers_own_reply()
    {
        var csm = await fixture.AddStaffAsync("Sam Success", Roles.SuccessManager);
        var command = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), csm));
        var customer = fixture.CreateClient(command.CustomerId, Roles.Customer);
        var staff = fixture.CreateClient(csm, Roles.SuccessManager);

        var reply = await customer.PostAsJsonAsync($"/api/support/tickets/{command.TicketId}/messages", new { body = "Also: can I rename my team?" });
        // A staff reply afterwards proves the events flow, so their absence before it means something.
        await staff.PostAsJsonAsync($"/api/support/tickets/{command.TicketId}/messages", new { body = "Yes, in Settings." });
        await fixture.Events.WaitForAsync<TicketAnswered>(e => e.TicketId == command.TicketId);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        var message = await reply.Content.ReadFromJsonAsync<TicketMessageView>();
        Assert.Equal(AuthorRoles.Customer, message!.AuthorRole);
        Assert.Single(fixture.Events.All<TicketAnswered>(), e => e.TicketId == command.TicketId);
        Assert.DoesNotContain(fixture.Events.All<SendEmail>(), e => e.NotificationId == message.MessageId);
        Assert.Single(fixture.Events.All<SendEmail>(), e => e.Variables.GetValueOrDefault("ticketLink")?.EndsWith(command.TicketId.ToString()) == true);
    }

    [Fact]
    public async Task Should_answer_without_email_when_the_ticket_has_no_address()
    {
        var csm = await fixture.AddStaffAsync("Sam Success", Roles.SuccessManager);
        var command = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), csm, email: null));

        var response = await fixture.CreateClient(csm, Roles.SuccessManager)
            .PostAsJsonAsync($"/api/support/tickets/{command.TicketId}/messages", new { body = "Hello!" });
        var message = await response.Content.ReadFromJsonAsync<TicketMessageView>();
        await fixture.Events.WaitForAsync<TicketAnswered>(e => e.TicketId == command.TicketId);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.DoesNotContain(fixture.Events.All<SendEmail>(), e => e.NotificationId == message!.MessageId);
    }

    [Fact]
    public async Task Should_reopen_a_solved_ticket_when_the_customer_writes_again()
    {
        var command = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), null));
        var customer = fixture.CreateClient(command.CustomerId, Roles.Customer);

        var resolved = await customer.PostAsync($"/api/support/tickets/{command.TicketId}/resolve", null);
        Assert.Equal(TicketStatuses.Solved, (await resolved.Content.ReadFromJsonAsync<TicketSummary>())!.Status);
        await customer.PostAsJsonAsync($"/api/support/tickets/{command.TicketId}/messages", new { body = "Actually, one more thing." });

        var ticket = await customer.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{command.TicketId}");
        Assert.Equal(TicketStatuses.Open, ticket!.Status);
        var solvedOnly = await customer.GetFromJsonAsync<TicketPage>("/api/support/tickets?status=solved");
        Assert.DoesNotContain(solvedOnly!.Items, t => t.TicketId == command.TicketId);
    }
}
