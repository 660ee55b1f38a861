using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Ticketing;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Tests;

/// <summary>
/// Solving asks the customer to rate the ticket (CSAT) once, by email and in the ticket; the rating is
/// taken once; the ticket closes <see cref="TicketingOptions.ClosedAfter"/> later on the durable
/// scheduler, read-only from then on, and the customer's next message opens a follow-up.
/// </summary>
[Collection(TicketingCollection.Name)]
public sealed class When_a_ticket_is_solved(TicketingFixture fixture)
{
    private async Task<(OpenTicket Command, HttpClient Customer, HttpClient Agent)> AnsweredTicketAsync()
    {
        var agentId = await fixture.AddStaffAsync("Rae Agent", Roles.Agent);
        var command = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), agentId));
        var agent = fixture.CreateClient(agentId, Roles.Agent);
        (await agent.PostAsJsonAsync($"/api/support/tickets/{command.TicketId}/messages", new { body = "Settings, then Team." })).EnsureSuccessStatusCode();
        return (command, fixture.CreateClient(command.CustomerId, Roles.Customer), agent);
    }

    private static Task<HttpResponseMessage> SolveAsync(HttpClient staff, Guid ticketId) =>
        staff.PatchAsJsonAsync($"/api/support/tickets/{ticketId}", new { status = TicketStatuses.Solved });

    [Fact]
    public async Task Should_ask_for_a_rating_once_however_often_it_is_solved()
    {
        var (command, customer, agent) = await AnsweredTicketAsync();

        (await SolveAsync(agent, command.TicketId)).EnsureSuccessStatusCode();
        await fixture.Events.WaitForAsync<TicketSolved>(e => e.TicketId == command.TicketId);
        var ask = await fixture.Events.WaitForAsync<SendEmail>(e => e.Template == EmailTemplates.TicketSatisfaction && e.To == command.CustomerEmail
            && e.Variables["ratingLink"] == $"https://app.customerplatform.test/support/tickets/{command.TicketId}#satisfaction");

        // Re-opened by the customer, solved again: solved twice, asked once.
        (await customer.PostAsJsonAsync($"/api/support/tickets/{command.TicketId}/messages", new { body = "One more thing." })).EnsureSuccessStatusCode();
        (await customer.PostAsync($"/api/support/tickets/{command.TicketId}/resolve", null)).EnsureSuccessStatusCode();
        for (var deadline = DateTime.UtcNow.AddSeconds(30); fixture.Events.All<TicketSolved>(e => e.TicketId == command.TicketId).Count < 2; await Task.Delay(50))
            Assert.True(DateTime.UtcNow < deadline, "The second solve was never announced.");
        await Task.Delay(TimeSpan.FromSeconds(1));

        var asks = fixture.Events.All<SendEmail>().Where(e => e.Template == EmailTemplates.TicketSatisfaction && e.Variables["ratingLink"].Contains(command.TicketId.ToString())).ToList();
        Assert.Single(asks);
        Assert.True((await customer.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{command.TicketId}"))!.SatisfactionAsked);
        Assert.Equal(ask.NotificationId, asks[0].NotificationId);
    }

    [Fact]
    public async Task Should_take_one_rating_from_the_requester_only_once_solved()
    {
        var (command, customer, agent) = await AnsweredTicketAsync();
        var url = $"/api/support/tickets/{command.TicketId}/satisfaction";

        var early = await customer.PostAsJsonAsync(url, new { score = 5 });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        (await SolveAsync(agent, command.TicketId)).EnsureSuccessStatusCode();
        await ApiAssert.BadRequestNamingAsync(await customer.PostAsJsonAsync(url, new { score = 6 }), "score");
        await ApiAssert.BadRequestNamingAsync(await customer.PostAsJsonAsync(url, new { comment = "no score" }), "score");
        await ApiAssert.BadRequestNamingAsync(await customer.PostAsJsonAsync(url, new { score = 3, comment = new string('c', 2001) }), "comment");
        Assert.Equal(HttpStatusCode.NotFound, (await agent.PostAsJsonAsync(url, new { score = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.CreateClient(Guid.NewGuid(), Roles.Customer).PostAsJsonAsync(url, new { score = 1 })).StatusCode);
        Assert.Equal(0, await fixture.ReadAsync(db => db.SatisfactionRatings.CountAsync(r => r.TicketId == command.TicketId)));

        Assert.Equal(HttpStatusCode.Accepted, (await customer.PostAsJsonAsync(url, new { score = 4, comment = "Quick and friendly, thank you." })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await customer.PostAsJsonAsync(url, new { score = 4, comment = "Quick and friendly, thank you." })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await customer.PostAsJsonAsync(url, new { score = 1 })).StatusCode);

        var rating = await fixture.ReadAsync(db => db.SatisfactionRatings.AsNoTracking().SingleAsync(r => r.TicketId == command.TicketId));
        Assert.Equal((4, command.AssigneeId, "positive"), (rating.Score, rating.AgentId, rating.CommentSentimentLabel));
        var rated = await fixture.Events.WaitForAsync<TicketRated>(e => e.TicketId == command.TicketId);
        Assert.Equal((4, command.AssigneeId), (rated.Score, rated.AgentId));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(fixture.Events.All<TicketRated>(), e => e.TicketId == command.TicketId);
        Assert.Equal(4, (await customer.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{command.TicketId}"))!.Satisfaction?.Score);

        // The report per agent: this agent has this one rating.
        var report = await agent.GetFromJsonAsync<SupportReportsApi.SatisfactionReport>("/api/support/reports/satisfaction");
        var mine = Assert.Single(report!.ByAgent, g => g.Key == command.AssigneeId.ToString());
        Assert.Equal(("Rae Agent", 1, 4.0, 1.0), (mine.Name, mine.Ratings, mine.Average, mine.SatisfiedShare));
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/support/reports/satisfaction")).StatusCode);
    }

    [Fact]
    public async Task Should_close_it_after_the_configured_time_and_open_a_follow_up_when_the_customer_writes_again()
    {
        var (command, customer, agent) = await AnsweredTicketAsync();
        (await agent.PatchAsJsonAsync($"/api/support/tickets/{command.TicketId}", new { status = TicketStatuses.Solved, tags = new[] { "Team", "invites" } }))
            .EnsureSuccessStatusCode();

        await fixture.WaitUntilAsync(async db => await db.Tickets.AnyAsync(t => t.Id == command.TicketId && t.Status == TicketStatuses.Closed),
            $"ticket {command.TicketId} closed");
        var closed = await customer.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{command.TicketId}");
        Assert.NotNull(closed!.ClosedAt);
        Assert.True(closed.ClosedAt >= closed.SolvedAt + TicketingFixture.ClosedAfter - TimeSpan.FromSeconds(1));

        // Read-only for staff: no status change, no reply, no assignment.
        Assert.Equal(HttpStatusCode.Conflict, (await agent.PatchAsJsonAsync($"/api/support/tickets/{command.TicketId}", new { status = TicketStatuses.Open })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await agent.PostAsJsonAsync($"/api/support/tickets/{command.TicketId}/messages", new { body = "Hello?" })).StatusCode);

        // The customer writes again: a follow-up ticket, linked, with the same owner and tags; the closed one is unchanged.
        var reply = await customer.PostAsJsonAsync($"/api/support/tickets/{command.TicketId}/messages", new { body = "The invite link expired." });
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        var message = await reply.Content.ReadFromJsonAsync<TicketMessageView>();
        Assert.NotEqual(command.TicketId, message!.TicketId);
        Assert.Equal($"/api/support/tickets/{message.TicketId}", reply.Headers.Location?.OriginalString);
        var followUp = await customer.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{message.TicketId}");
        Assert.Equal((command.TicketId, TicketStatuses.Open, command.AssigneeId, command.Subject),
            (followUp!.FollowUpOf, followUp.Status, followUp.AssigneeId, followUp.Subject));
        Assert.Equal(["team", "invites"], followUp.Tags);
        Assert.Equal("The invite link expired.", Assert.Single(followUp.Messages).Body);
        await fixture.Events.WaitForAsync<TicketOpened>(e => e.TicketId == message.TicketId);
        var original = await customer.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{command.TicketId}");
        Assert.Equal((TicketStatuses.Closed, 2), (original!.Status, original.Messages.Count));
    }

    [Fact]
    public async Task Should_not_close_a_ticket_that_was_reopened_meanwhile()
    {
        var (command, customer, agent) = await AnsweredTicketAsync();
        (await SolveAsync(agent, command.TicketId)).EnsureSuccessStatusCode();
        (await customer.PostAsJsonAsync($"/api/support/tickets/{command.TicketId}/messages", new { body = "Not fixed yet." })).EnsureSuccessStatusCode();

        await Task.Delay(TicketingFixture.ClosedAfter + TimeSpan.FromSeconds(3));

        var ticket = await customer.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{command.TicketId}");
        Assert.Equal((TicketStatuses.Open, (DateTimeOffset?)null), (ticket!.Status, ticket.ClosedAt));
    }
}
