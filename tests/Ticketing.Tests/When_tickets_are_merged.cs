using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Ticketing;

namespace CustomerPlatform.Ticketing.Tests;

[Collection(TicketingCollection.Name)]
public sealed class When_tickets_are_merged(TicketingFixture fixture)
{
    [Fact]
    public async Task Should_move_the_thread_into_the_other_ticket_and_close_the_first()
    {
        var agent = await fixture.AddStaffAsync("Max Merge", Roles.Agent);
        var staff = fixture.CreateClient(agent, Roles.Agent);
        var customer = Guid.NewGuid();
        var first = await fixture.OpenAsync(TicketingFixture.NewTicket(customer, agent) with { Body = "My invoice is wrong." });
        var second = await fixture.OpenAsync(TicketingFixture.NewTicket(customer, agent) with { Body = "Same question, asked again." });

        var response = await staff.PostAsJsonAsync($"/api/support/tickets/{first.TicketId}/merge", new { intoTicketId = second.TicketId });

        ApiAssert.Status(HttpStatusCode.OK, response);
        var source = await staff.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{first.TicketId}");
        var target = await staff.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{second.TicketId}");
        Assert.Equal((TicketStatuses.Closed, second.TicketId), (source!.Status, source.MergedInto));
        Assert.Equal($"Merged into ticket #{target!.Number}.", Assert.Single(source.Messages).Body);
        Assert.Contains(target.Messages, m => m.Body == "My invoice is wrong.");
        Assert.Contains(target.Messages, m => m.Body == "Same question, asked again.");
        Assert.Contains(target.Messages, m => m.Internal && m.Body.StartsWith($"Merged ticket #{source.Number}", StringComparison.Ordinal));
        await fixture.Events.WaitForAsync<TicketMerged>(e => e.TicketId == first.TicketId && e.IntoTicketId == second.TicketId);
        // Closed now: a second merge of it is refused.
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync($"/api/support/tickets/{first.TicketId}/merge", new { intoTicketId = second.TicketId })).StatusCode);
    }

    [Fact]
    public async Task Should_refuse_to_merge_two_customers_tickets_and_change_nothing()
    {
        var agent = await fixture.AddStaffAsync("Max Merge", Roles.Agent);
        var staff = fixture.CreateClient(agent, Roles.Agent);
        var mine = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), agent));
        var theirs = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), agent));

        await ApiAssert.BadRequestNamingAsync(await staff.PostAsJsonAsync($"/api/support/tickets/{mine.TicketId}/merge", new { intoTicketId = theirs.TicketId }), "intoTicketId");
        await ApiAssert.BadRequestNamingAsync(await staff.PostAsJsonAsync($"/api/support/tickets/{mine.TicketId}/merge", new { intoTicketId = mine.TicketId }), "intoTicketId");
        var customer = fixture.CreateCustomer(mine.CustomerId);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.PostAsJsonAsync($"/api/support/tickets/{mine.TicketId}/merge", new { intoTicketId = theirs.TicketId })).StatusCode);

        var after = await staff.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{mine.TicketId}");
        Assert.Equal((TicketStatuses.Open, 1), (after!.Status, after.Messages.Count));
    }
}
