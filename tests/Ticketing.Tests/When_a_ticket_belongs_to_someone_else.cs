using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Tests;

[Collection(TicketingCollection.Name)]
public sealed class When_a_ticket_belongs_to_someone_else(TicketingFixture fixture)
{
    [Fact]
    public async Task Should_hide_it_from_another_customer()
    {
        var command = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), Guid.NewGuid()));
        var other = fixture.CreateClient(Guid.NewGuid(), Roles.Customer);

        var read = await other.GetAsync($"/api/support/tickets/{command.TicketId}");
        var post = await other.PostAsJsonAsync($"/api/support/tickets/{command.TicketId}/messages", new { body = "Hi" });
        var resolve = await other.PostAsync($"/api/support/tickets/{command.TicketId}/resolve", null);
        var list = await other.GetFromJsonAsync<TicketPage>("/api/support/tickets");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, resolve.StatusCode);
        Assert.Empty(list!.Items);
        Assert.Equal(1, await fixture.ReadAsync(db => db.Messages.CountAsync(m => m.TicketId == command.TicketId)));
    }

    [Fact]
    public async Task Should_hide_it_from_a_csm_it_is_not_assigned_to_but_not_from_an_admin()
    {
        var command = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), Guid.NewGuid()));
        var otherCsm = fixture.CreateClient(Guid.NewGuid(), Roles.SuccessManager);
        var agent = fixture.CreateClient(Guid.NewGuid(), Roles.Agent);
        var admin = fixture.CreateClient(Guid.NewGuid(), Roles.Admin);

        Assert.Equal(HttpStatusCode.NotFound, (await otherCsm.GetAsync($"/api/support/tickets/{command.TicketId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await otherCsm.PostAsJsonAsync($"/api/support/tickets/{command.TicketId}/messages", new { body = "Hi" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/support/tickets/{command.TicketId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/support/tickets/{command.TicketId}")).StatusCode);
    }

    [Fact]
    public async Task Should_refuse_an_anonymous_caller()
    {
        var anonymous = fixture.Service.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/support/tickets")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/support/tickets/{Guid.NewGuid()}")).StatusCode);
    }
}
