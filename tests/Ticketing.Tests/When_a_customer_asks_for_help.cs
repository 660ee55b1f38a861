using System.Net;
using System.Net.Http.Json;
using System.Text;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Ticketing;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Tests;

/// <summary>The app's contact form (commerce.md): <c>POST /api/support/tickets {subject, body, orderId?, channel?}</c>.</summary>
[Collection(TicketingCollection.Name)]
public sealed class When_a_customer_asks_for_help(TicketingFixture fixture)
{
    private sealed record Opened(Guid TicketId);

    [Fact]
    public async Task Should_open_a_new_ticket_in_the_support_queue_and_announce_it()
    {
        var customerId = Guid.NewGuid();
        var customer = fixture.CreateCustomer(customerId, "Bea Buyer", "bea@example.com");

        var response = await customer.PostAsJsonAsync("/api/support/tickets",
            new { subject = "Where is my parcel?", body = "It was due yesterday.", orderId = "A-1001" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var opened = await response.Content.ReadFromJsonAsync<Opened>();
        Assert.Equal($"/api/support/tickets/{opened!.TicketId}", response.Headers.Location?.OriginalString);
        var ticket = await customer.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{opened.TicketId}");
        Assert.Equal((TicketStatuses.New, TicketPriorities.Normal, TicketChannels.Web, "A-1001", TicketQueues.Support, TicketKinds.Request),
            (ticket!.Status, ticket.Priority, ticket.Channel, ticket.OrderId, ticket.Queue, ticket.Kind));
        var first = Assert.Single(ticket.Messages);
        Assert.Equal(("It was due yesterday.", AuthorRoles.Customer, "Bea Buyer"), (first.Body, first.AuthorRole, first.AuthorName));
        Assert.Null(first.Sentiment); // the customer does not see how their words were scored

        var announced = await fixture.Events.WaitForAsync<TicketOpened>(e => e.TicketId == opened.TicketId);
        Assert.Equal((customerId, TicketChannels.Web, "A-1001", (Guid?)null), (announced.CustomerId, announced.Channel, announced.OrderId, announced.AssigneeId));
        var stored = await fixture.ReadAsync(db => db.Tickets.AsNoTracking().SingleAsync(t => t.Id == opened.TicketId));
        Assert.Equal("bea@example.com", stored.CustomerEmail);

        // An agent finds it among the new, unassigned tickets; taking it makes it open.
        var agentId = await fixture.AddStaffAsync("Nia Agent", Roles.Agent);
        var agent = fixture.CreateClient(agentId, Roles.Agent);
        var queue = await agent.GetFromJsonAsync<TicketPage>("/api/support/tickets?status=new&channel=web&assignee=none&pageSize=100");
        Assert.Contains(queue!.Items, t => t.TicketId == opened.TicketId);
        var taken = await agent.PostAsJsonAsync($"/api/support/tickets/{opened.TicketId}/assign", new { assigneeId = agentId });
        Assert.Equal(TicketStatuses.Open, (await taken.Content.ReadFromJsonAsync<TicketSummary>())!.Status);
    }

    public static TheoryData<string, string> BadRequests() => new()
    {
        { "{\"body\": \"Help\"}", "subject" },
        { "{\"subject\": \"  \", \"body\": \"Help\"}", "subject" },
        { $"{{\"subject\": \"{new string('s', 201)}\", \"body\": \"Help\"}}", "subject" },
        { "{\"subject\": \"Help\"}", "body" },
        { $"{{\"subject\": \"Help\", \"body\": \"{new string('b', 10_001)}\"}}", "body" },
        { "{\"subject\": \"Help\", \"body\": \"Help\", \"orderId\": \"not an id!\"}", "orderId" },
        { $"{{\"subject\": \"Help\", \"body\": \"Help\", \"orderId\": \"{new string('1', 65)}\"}}", "orderId" },
        { "{\"subject\": \"Help\", \"body\": \"Help\", \"channel\": \"fax\"}", "channel" },
        { "{\"subject\": 5, \"body\": \"Help\"}", "subject" },
        { "{\"subject\": \"Help\", \"body\": \"a\\u0000b\"}", "body" },
        { "not json", "body" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Should_refuse_a_bad_request_naming_the_field_and_open_nothing(string json, string field)
    {
        var customerId = Guid.NewGuid();
        var response = await fixture.CreateCustomer(customerId).PostAsync("/api/support/tickets", new StringContent(json, Encoding.UTF8, "application/json"));

        await ApiAssert.BadRequestNamingAsync(response, field);
        Assert.Equal(0, await fixture.ReadAsync(db => db.Tickets.CountAsync(t => t.CustomerId == customerId)));
    }

    [Fact]
    public async Task Should_raise_the_priority_of_an_angry_request_and_show_staff_why()
    {
        var customerId = Guid.NewGuid();
        var customer = fixture.CreateCustomer(customerId);
        var calm = await (await customer.PostAsJsonAsync("/api/support/tickets",
            new { subject = "Invoice address", body = "Could you change the address on my invoice, please? Thanks!" })).Content.ReadFromJsonAsync<Opened>();
        var angry = await (await customer.PostAsJsonAsync("/api/support/tickets",
            new { subject = "Broken again", body = "This is terrible. The product broke AGAIN and nobody helps me. I am really angry!" })).Content.ReadFromJsonAsync<Opened>();

        var admin = fixture.CreateClient(Guid.NewGuid(), Roles.Admin);
        var calmTicket = await admin.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{calm!.TicketId}");
        var angryTicket = await admin.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{angry!.TicketId}");

        Assert.Equal((TicketPriorities.Normal, "positive"), (calmTicket!.Priority, calmTicket.Messages[0].Sentiment));
        Assert.Equal((TicketPriorities.High, "negative"), (angryTicket!.Priority, angryTicket.Messages[0].Sentiment));

        // Each negative message raises it one more step, up to urgent.
        for (var i = 0; i < 2; i++)
            (await customer.PostAsJsonAsync($"/api/support/tickets/{angry.TicketId}/messages", new { body = "Still broken. Awful, useless service." })).EnsureSuccessStatusCode();
        Assert.Equal(TicketPriorities.Urgent, (await admin.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{angry.TicketId}"))!.Priority);
    }

    [Fact]
    public async Task Should_tell_the_customers_csm_of_a_negative_message_once_and_not_of_a_calm_one()
    {
        var customerId = Guid.NewGuid();
        var csm = await fixture.AddStaffAsync("Cara Csm", Roles.SuccessManager);
        await fixture.Bus.Publish(new CustomerPlatform.Contracts.Onboarding.SuccessManagerAssigned
        {
            CustomerId = customerId, SuccessManagerId = csm, SuccessManagerName = "Cara Csm",
            SuccessManagerEmail = $"{csm:N}@customerplatform.test", AssignedAt = DateTimeOffset.UtcNow,
        });
        await fixture.WaitUntilAsync(db => db.CustomerManagers.AnyAsync(m => m.CustomerId == customerId && m.ManagerId == csm), "the CSM");
        var customer = fixture.CreateCustomer(customerId, "Una Unhappy");

        var calm = await (await customer.PostAsJsonAsync("/api/support/tickets",
            new { subject = "Invoice address", body = "Could you change the address on my invoice, please? Thanks!" })).Content.ReadFromJsonAsync<Opened>();
        var angry = await (await customer.PostAsJsonAsync("/api/support/tickets",
            new { subject = "Broken again", body = "This is terrible. The product broke AGAIN and nobody helps me. I am really angry!" })).Content.ReadFromJsonAsync<Opened>();

        var email = await fixture.Events.WaitForAsync<SendEmail>(e => e.Template == EmailTemplates.UnhappyCustomer && e.CustomerId == csm);
        Assert.Equal(($"{csm:N}@customerplatform.test", "Una Unhappy"), (email.To, email.Variables["customerName"]));
        Assert.Contains("really angry", email.Variables["messageExcerpt"]);
        Assert.EndsWith($"/support/tickets/{angry!.TicketId}", email.Variables["ticketLink"]);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(fixture.Events.All<SendEmail>(), e => e.Template == EmailTemplates.UnhappyCustomer && e.CustomerId == csm);
        Assert.NotNull(calm);
    }

    [Fact]
    public async Task Should_list_an_agents_own_request_in_the_queue_once_though_it_is_visible_two_ways()
    {
        var agentId = await fixture.AddStaffAsync("Otto Own", Roles.Agent);
        var agent = fixture.CreateClient(agentId, Roles.Agent);
        var opened = await (await agent.PostAsJsonAsync("/api/support/tickets", new { subject = "My own laptop", body = "Mine needs a new charger." }))
            .Content.ReadFromJsonAsync<Opened>();
        // In the support queue (an agent sees it) and the agent's own request: one ticket, listed and counted once.
        var page = await agent.GetFromJsonAsync<TicketPage>($"/api/support/tickets?status=new&pageSize=100");
        Assert.Single(page!.Items, t => t.TicketId == opened!.TicketId);
        Assert.Equal(page.Items.Count, page.Items.Select(t => t.TicketId).Distinct().Count());
    }
}
