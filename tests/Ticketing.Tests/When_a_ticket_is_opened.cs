using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Ticketing;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Tests;

[Collection(TicketingCollection.Name)]
public sealed class When_a_ticket_is_opened(TicketingFixture fixture)
{
    [Fact]
    public async Task Should_show_it_to_the_requester_and_the_assignee_and_announce_it()
    {
        var customer = Guid.NewGuid();
        var csm = await fixture.AddStaffAsync("Sam Success", Roles.SuccessManager);
        var command = await fixture.OpenAsync(TicketingFixture.NewTicket(customer, csm));

        var opened = await fixture.Events.WaitForAsync<TicketOpened>(e => e.TicketId == command.TicketId);
        Assert.Equal(customer, opened.CustomerId);
        Assert.Equal(csm, opened.AssigneeId);
        Assert.Equal(command.Kind, opened.Kind);
        Assert.Equal(command.CorrelationId, opened.CorrelationId);

        foreach (var client in new[] { fixture.CreateClient(customer, Roles.Customer), fixture.CreateClient(csm, Roles.SuccessManager) })
        {
            var ticket = await client.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{command.TicketId}");
            Assert.NotNull(ticket);
            Assert.Equal(TicketStatuses.Open, ticket.Status);
            Assert.Null(ticket.Queue);
            Assert.Equal(command.Subject, ticket.Subject);
            var first = Assert.Single(ticket.Messages);
            Assert.Equal(customer, first.AuthorId);
            Assert.Equal(AuthorRoles.Customer, first.AuthorRole);
            Assert.Equal("Ann Example", first.AuthorName);
            Assert.Equal(command.Body, first.Body);

            var list = await client.GetFromJsonAsync<TicketPage>("/api/support/tickets");
            Assert.Contains(list!.Items, t => t.TicketId == command.TicketId);
        }
    }

    [Fact]
    public async Task Should_open_one_ticket_for_a_repeated_command()
    {
        var command = TicketingFixture.NewTicket(Guid.NewGuid(), null);

        await fixture.Bus.Publish(command);
        await fixture.Bus.Publish(command);
        await fixture.OpenAsync(command);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(1, await fixture.ReadAsync(db => db.Tickets.CountAsync(t => t.Id == command.TicketId)));
        Assert.Equal(1, await fixture.ReadAsync(db => db.Messages.CountAsync(m => m.TicketId == command.TicketId)));
        Assert.Single(fixture.Events.All<TicketOpened>(), e => e.TicketId == command.TicketId);
    }

    [Fact]
    public async Task Should_put_an_unassigned_ticket_in_the_support_queue_for_agents_only()
    {
        var command = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), null));
        var agent = fixture.CreateClient(Guid.NewGuid(), Roles.Agent);
        var csm = fixture.CreateClient(Guid.NewGuid(), Roles.SuccessManager);

        var ticket = await agent.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{command.TicketId}");
        var queue = await agent.GetFromJsonAsync<TicketPage>("/api/support/tickets?status=new&pageSize=100");

        Assert.Equal((TicketQueues.Support, TicketStatuses.New), (ticket!.Queue, ticket.Status));
        Assert.Null(ticket.AssigneeId);
        Assert.Contains(queue!.Items, t => t.TicketId == command.TicketId);
        Assert.Equal(HttpStatusCode.NotFound, (await csm.GetAsync($"/api/support/tickets/{command.TicketId}")).StatusCode);
    }

    [Fact]
    public async Task Should_let_an_agent_take_a_queue_ticket()
    {
        var command = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), null));
        var agentId = await fixture.AddStaffAsync("Alex Agent", Roles.Agent);
        var agent = fixture.CreateClient(agentId, Roles.Agent);

        var response = await agent.PostAsJsonAsync($"/api/support/tickets/{command.TicketId}/assign", new { assigneeId = agentId });

        response.EnsureSuccessStatusCode();
        var ticket = await response.Content.ReadFromJsonAsync<TicketSummary>();
        Assert.Equal(agentId, ticket!.AssigneeId);
        Assert.Null(ticket.Queue);
        var customer = fixture.CreateClient(command.CustomerId, Roles.Customer);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await customer.PostAsJsonAsync($"/api/support/tickets/{command.TicketId}/assign", new { assigneeId = agentId })).StatusCode);
    }

    [Fact]
    public async Task Should_list_an_agents_own_tickets_apart_from_the_unassigned_queue()
    {
        var agentId = await fixture.AddStaffAsync("Jordan Agent", Roles.Agent);
        var agent = fixture.CreateClient(agentId, Roles.Agent);
        var taken = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), null));
        var waiting = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), null));
        (await agent.PostAsJsonAsync($"/api/support/tickets/{taken.TicketId}/assign", new { assigneeId = agentId })).EnsureSuccessStatusCode();

        var mine = await agent.GetFromJsonAsync<TicketPage>("/api/support/tickets?assignee=me&pageSize=100");
        var queue = await agent.GetFromJsonAsync<TicketPage>("/api/support/tickets?assignee=none&pageSize=100");

        Assert.Equal([taken.TicketId], mine!.Items.Select(t => t.TicketId));
        Assert.Contains(queue!.Items, t => t.TicketId == waiting.TicketId);
        Assert.DoesNotContain(queue.Items, t => t.TicketId == taken.TicketId);
        Assert.All(queue.Items, t => Assert.Null(t.AssigneeId));

        // The people a ticket can go to, by name; customers may not read the directory.
        var staff = await agent.GetFromJsonAsync<List<StaffMemberView>>("/api/support/staff");
        Assert.Contains(staff!, s => s.Id == agentId && s.DisplayName == "Jordan Agent" && s.Roles.Contains(Roles.Agent));
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.CreateClient(Guid.NewGuid(), Roles.Customer).GetAsync("/api/support/staff")).StatusCode);
    }
}
