using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Ticketing;
using CustomerPlatform.Ticketing.Macros;

namespace CustomerPlatform.Ticketing.Tests;

[Collection(TicketingCollection.Name)]
public sealed class When_staff_use_macros(TicketingFixture fixture)
{
    [Fact]
    public async Task Should_reply_with_the_tickets_values_and_apply_the_status_priority_and_tags_at_once()
    {
        var agent = await fixture.AddStaffAsync("Mia Macro", Roles.Agent);
        var staff = fixture.CreateClient(agent, Roles.Agent);
        var command = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), agent) with { CustomerName = "Ann Example" });
        var name = "Where is my order " + Guid.NewGuid().ToString("N")[..6];
        var created = await staff.PostAsJsonAsync("/api/support/macros", new
        {
            name, body = "Hi {{customer.first_name}}, ticket #{{ticket.number}} is with me. {{agent.first_name}}",
            status = "pending", priority = "high", addTags = new[] { "shipping" },
        });
        ApiAssert.Status(HttpStatusCode.Created, created);
        var macro = await created.Content.ReadFromJsonAsync<MacrosApi.MacroView>();

        var preview = await staff.GetFromJsonAsync<MacrosApi.MacroPreview>($"/api/support/tickets/{command.TicketId}/macros/{macro!.MacroId}");
        var ticket = await staff.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{command.TicketId}");
        Assert.Equal($"Hi Ann, ticket #{ticket!.Number} is with me. Mia", preview!.Body);

        var applied = await staff.PostAsJsonAsync($"/api/support/tickets/{command.TicketId}/macros/{macro.MacroId}", new { });
        ApiAssert.Status(HttpStatusCode.OK, applied);
        var after = await staff.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{command.TicketId}");
        Assert.Equal((TicketStatuses.Pending, TicketPriorities.High), (after!.Status, after.Priority));
        Assert.Contains("shipping", after.Tags);
        Assert.Equal(preview.Body, after.Messages[^1].Body);
        var email = await fixture.Events.WaitForAsync<SendEmail>(e => e.Template == EmailTemplates.TicketReplied && e.Variables["ticketNumber"] == ticket.Number.ToString());
        Assert.Contains("is with me", email.Variables["replyExcerpt"]);
    }

    [Fact]
    public async Task Should_send_the_agents_edit_instead_of_the_macros_text()
    {
        var agent = await fixture.AddStaffAsync("Mia Macro", Roles.Agent);
        var staff = fixture.CreateClient(agent, Roles.Agent);
        var command = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), agent));
        var macro = await (await staff.PostAsJsonAsync("/api/support/macros", new { name = "Thanks " + Guid.NewGuid().ToString("N")[..6], body = "Thanks!", status = "solved" }))
            .Content.ReadFromJsonAsync<MacrosApi.MacroView>();

        ApiAssert.Status(HttpStatusCode.OK, await staff.PostAsJsonAsync($"/api/support/tickets/{command.TicketId}/macros/{macro!.MacroId}", new { body = "Thanks, Ann: all done." }));

        var after = await staff.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{command.TicketId}");
        Assert.Equal((TicketStatuses.Solved, "Thanks, Ann: all done."), (after!.Status, after.Messages[^1].Body));
        await fixture.Events.WaitForAsync<TicketSolved>(e => e.TicketId == command.TicketId);
    }

    [Fact]
    public async Task Should_refuse_an_unknown_placeholder_and_a_macro_that_does_not_fit_the_ticket()
    {
        var agent = await fixture.AddStaffAsync("Mia Macro", Roles.Agent);
        var staff = fixture.CreateClient(agent, Roles.Agent);
        await ApiAssert.BadRequestNamingAsync(await staff.PostAsJsonAsync("/api/support/macros", new { name = "Bad " + Guid.NewGuid(), body = "Hi {{customer.shoe_size}}" }), "body");
        await ApiAssert.BadRequestNamingAsync(await staff.PostAsJsonAsync("/api/support/macros", new { name = "Empty " + Guid.NewGuid() }), "body");
        await ApiAssert.BadRequestNamingAsync(await staff.PostAsJsonAsync("/api/support/macros", new { name = "Odd " + Guid.NewGuid(), status = "closed" }), "status");
        var csm = fixture.CreateClient(await fixture.AddStaffAsync("Cid Csm", Roles.SuccessManager), Roles.SuccessManager);
        Assert.Equal(HttpStatusCode.Forbidden, (await csm.PostAsJsonAsync("/api/support/macros", new { name = "Mine", body = "Hi" })).StatusCode);

        var command = await fixture.OpenAsync(TicketingFixture.NewTicket(Guid.NewGuid(), agent));
        var macro = await (await staff.PostAsJsonAsync("/api/support/macros", new { name = "Order " + Guid.NewGuid().ToString("N")[..6], body = "Order {{order.number}} left today." }))
            .Content.ReadFromJsonAsync<MacrosApi.MacroView>();
        var refused = await staff.PostAsJsonAsync($"/api/support/tickets/{command.TicketId}/macros/{macro!.MacroId}", new { });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var after = await staff.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{command.TicketId}");
        Assert.Single(after!.Messages);
    }
}
