using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Ticketing;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Tests;

/// <summary>
/// Routing: rules pick the queue; inside it, round-robin over the available agents who work it and have the skill, within
/// each one's capacity; nobody fits, the ticket waits until someone frees up or becomes available.
/// </summary>
[Collection(TicketingCollection.Name)]
public sealed class When_tickets_are_routed(TicketingFixture fixture)
{
    private sealed record Opened(Guid TicketId);

    [Fact]
    public async Task Should_give_tickets_round_robin_within_each_agents_capacity_and_hold_the_rest_until_one_frees_up()
    {
        var (ann, annClient) = await fixture.AgentAsync("Ann Roundrobin", "roundrobin", capacity: 2, available: true);
        var (ben, benClient) = await fixture.AgentAsync("Ben Roundrobin", "roundrobin", capacity: 2, available: true);
        var (cat, _) = await fixture.AgentAsync("Cat Away", "roundrobin", capacity: 5, available: false);

        var owners = new List<Guid?>();
        for (var i = 0; i < 4; i++)
            owners.Add((await OpenAsync($"Roundrobin question {i}")).AssigneeId);

        // Alternating, whoever was given a ticket longest ago first; nobody unavailable; two each, the capacity.
        Assert.Equal(2, owners.Count(o => o == ann));
        Assert.Equal(2, owners.Count(o => o == ben));
        Assert.NotEqual(owners[0], owners[1]);
        Assert.Equal(owners[0], owners[2]);
        Assert.DoesNotContain(cat, owners.Cast<Guid>());

        // Both are full: the fifth waits in its queue, new, and agents find it there.
        var waiting = await OpenAsync("Roundrobin question 5");
        Assert.Equal((null, "roundrobin", TicketStatuses.New), (waiting.AssigneeId, waiting.Queue, waiting.Status));
        var queue = await annClient.GetFromJsonAsync<TicketPage>("/api/support/tickets?assignee=none&queue=roundrobin");
        Assert.Equal([waiting.TicketId], queue!.Items.Select(t => t.TicketId));

        // Ann solves one of hers: she has room again and is given the waiting ticket.
        var solved = await annClient.PostAsync($"/api/support/tickets/{(await FirstOfAsync(ann))}/resolve", null);
        Assert.Equal(HttpStatusCode.OK, solved.StatusCode);
        await fixture.WaitUntilAsync(async db => await db.Tickets.AnyAsync(t => t.Id == waiting.TicketId && t.AssigneeId == ann),
            "the waiting ticket given to the agent who freed up");
        var given = await annClient.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{waiting.TicketId}");
        Assert.Equal((ann, (string?)null, "roundrobin", TicketStatuses.Open), (given!.AssigneeId, given.Queue, given.HomeQueue, given.Status));

        // The routing view shows who works the queue, how full each is, and that nothing waits any more.
        var routing = await benClient.GetFromJsonAsync<RoutingApi.RoutingView>("/api/support/routing");
        var view = Assert.Single(routing!.Queues, q => q.Key == "roundrobin");
        Assert.Equal(0, view.Waiting);
        Assert.Equal(3, view.Members.Count);
        Assert.Equal((2, 2, true), Routing(routing, ann));
        Assert.Equal((2, 2, true), Routing(routing, ben));
    }

    [Fact]
    public async Task Should_keep_a_ticket_waiting_while_nobody_is_available_and_give_it_to_the_first_agent_who_becomes_available()
    {
        var (dan, danClient) = await fixture.AgentAsync("Dan Waiting", "waiting", capacity: 1, available: false);
        var first = await OpenAsync("Waitcheck one");
        var second = await OpenAsync("WAITCHECK two");
        Assert.Equal((null, "waiting"), (first.AssigneeId, first.Queue));
        Assert.Equal((null, "waiting"), (second.AssigneeId, second.Queue));

        var response = await danClient.PutAsJsonAsync("/api/support/staff/me/availability", new { available = true });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<RoutingApi.AgentRouting>())!.Available);

        // Room for one: the one waiting longest; the other keeps waiting.
        await fixture.WaitUntilAsync(async db => await db.Tickets.AnyAsync(t => t.Id == first.TicketId && t.AssigneeId == dan), "the first waiting ticket given");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var still = await fixture.ReadAsync(db => db.Tickets.AsNoTracking().SingleAsync(t => t.Id == second.TicketId));
        Assert.Equal((null, "waiting"), (still.AssigneeId, still.Queue));
    }

    [Fact]
    public async Task Should_never_give_an_agent_more_than_their_capacity_when_tickets_arrive_at_once()
    {
        var (ivy, _) = await fixture.AgentAsync("Ivy Parallel", "parallel", capacity: 3, available: true);
        var (jon, _) = await fixture.AgentAsync("Jon Parallel", "parallel", capacity: 2, available: true);

        var opened = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => OpenAsync($"Parallelcheck {i}")));

        var held = await fixture.ReadAsync(db => db.Tickets.Where(t => t.HomeQueue == "parallel" && t.AssigneeId != null)
            .GroupBy(t => t.AssigneeId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!.Value, g => g.Count));
        Assert.Equal(3, held.GetValueOrDefault(ivy));
        Assert.Equal(2, held.GetValueOrDefault(jon));
        Assert.Equal(7, opened.Count(t => t.AssigneeId is null && t.Queue == "parallel"));
    }

    [Fact]
    public async Task Should_give_a_ticket_that_asks_for_a_skill_only_to_an_agent_who_has_it()
    {
        var (_, _) = await fixture.AgentAsync("Eve Generalist", "skilled", capacity: 5, available: true);
        var (fay, _) = await fixture.AgentAsync("Fay Refunds", "skilled", capacity: 5, available: true, skills: ["refunds"]);

        for (var i = 0; i < 3; i++)
        {
            var ticket = await OpenAsync($"Skillcheck {i}");
            Assert.Equal(fay, ticket.AssigneeId);
        }
    }

    [Fact]
    public async Task Should_count_a_queues_tickets_against_the_queues_own_sla_targets()
    {
        var ticket = await OpenAsync("Slacheck please");
        Assert.Equal(("slaqueue", "slaqueue"), (ticket.Queue, ticket.SlaPolicy));
        var firstResponse = Assert.Single(ticket.Sla!, s => s.Metric == "first-response");
        Assert.Equal(TicketingFixture.SlaQueueFirstResponse, firstResponse.Target);

        var other = await OpenAsync("An ordinary question");
        Assert.Equal((TicketQueues.Support, "default"), (other.Queue, other.SlaPolicy));
        Assert.NotEqual(TicketingFixture.SlaQueueFirstResponse, Assert.Single(other.Sla!, s => s.Metric == "first-response").Target);
    }

    [Fact]
    public async Task Should_refuse_bad_routing_settings_and_a_queue_nobody_knows_naming_the_field()
    {
        var adminId = await fixture.AddStaffAsync("Gus Admin", Roles.Admin);
        var admin = fixture.CreateClient(adminId, Roles.Admin);
        var (hal, halClient) = await fixture.AgentAsync("Hal Settings", "waiting", capacity: 3, available: false);

        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { queues = new[] { "nowhere" } }, "queues[0]"),
                     (new { queues = new[] { "waiting", "waiting", "nowhere" } }, "queues[2]"),
                     (new { skills = new[] { "Not A Skill!" } }, "skills[0]"),
                     (new { capacity = -1 }, "capacity"),
                     (new { capacity = 1000 }, "capacity"),
                 })
        {
            var response = await admin.PutAsJsonAsync($"/api/support/staff/{hal}/routing", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(field, (await response.Content.ReadFromJsonAsync<ValidationProblemView>())!.Errors.Keys);
        }
        var unchanged = await fixture.ReadAsync(db => db.Staff.AsNoTracking().SingleAsync(s => s.Id == hal));
        Assert.Equal(["waiting"], unchanged.Queues);
        Assert.Equal(3, unchanged.Capacity);

        Assert.Equal(HttpStatusCode.BadRequest, (await halClient.PutAsJsonAsync("/api/support/staff/me/availability", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await halClient.GetAsync("/api/support/tickets?queue=nowhere")).StatusCode);
        // An agent does not set their own (or anyone's) queues; a customer has no availability.
        Assert.Equal(HttpStatusCode.Forbidden, (await halClient.PutAsJsonAsync($"/api/support/staff/{hal}/routing", new { capacity = 50 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await fixture.CreateCustomer(Guid.NewGuid()).PutAsJsonAsync("/api/support/staff/me/availability", new { available = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/support/staff/{Guid.NewGuid()}/routing", new { capacity = 5 })).StatusCode);
    }

    [Theory]
    [InlineData("Refund for order 7", "web", null, true)]
    [InlineData("refund", "web", null, true)]
    [InlineData("Refunds please", "web", null, false)] // a whole word, not a part of one
    [InlineData("Refund", "email", null, false)]
    [InlineData("Refund", "web", "A-1", false)]
    public void Should_match_a_rule_only_when_every_condition_holds(string subject, string channel, string? orderId, bool matches)
    {
        var rule = new RoutingRuleOptions { Channels = ["web", "phone"], SubjectWords = ["invoice", "refund"], HasOrder = false, Queue = "billing" };
        var ticket = new Ticket { Kind = TicketKinds.Request, Subject = subject, Channel = channel, OrderId = orderId };
        Assert.Equal(matches, TicketRouter.Matches(rule, ticket));
    }

    private sealed record ValidationProblemView(Dictionary<string, string[]> Errors);

    /// <summary>A customer's new request through the contact form, as the routing left it (read by an admin).</summary>
    private async Task<TicketDetails> OpenAsync(string subject)
    {
        var response = await fixture.CreateCustomer(Guid.NewGuid()).PostAsJsonAsync("/api/support/tickets", new { subject, body = "Please help." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var opened = await response.Content.ReadFromJsonAsync<Opened>();
        var admin = fixture.CreateClient(Guid.NewGuid(), Roles.Admin);
        return (await admin.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{opened!.TicketId}"))!;
    }

    private Task<Guid> FirstOfAsync(Guid agentId) =>
        fixture.ReadAsync(db => db.Tickets.Where(t => t.AssigneeId == agentId).OrderBy(t => t.CreatedAt).Select(t => t.Id).FirstAsync());

    private static (int Unsolved, int Capacity, bool Available) Routing(RoutingApi.RoutingView routing, Guid agentId) =>
        routing.Agents.Where(a => a.Id == agentId).Select(a => (a.Unsolved, a.Capacity, a.Available)).Single();
}
