using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Ticketing;

namespace CustomerPlatform.Ticketing.Tests;

/// <summary>
/// The SLA timers on the durable scheduler, with the fixture's round-the-clock calendar and urgent targets of
/// seconds (first response 4 s, resolution 12 s; the warning at 75 %).
/// </summary>
[Collection(TicketingCollection.Name)]
public sealed class When_an_sla_target_approaches(TicketingFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Should_warn_at_three_quarters_and_breach_at_the_target_once_each()
    {
        var (ticketId, staff) = await UrgentTicketAsync();

        var warning = await fixture.Events.WaitForAsync<TicketSlaAlert>(a => a.TicketId == ticketId && a.Metric == SlaMetrics.FirstResponse && a.Kind == SlaTimerDue.Warning, timeout: Wait);
        var breach = await fixture.Events.WaitForAsync<TicketSlaAlert>(a => a.TicketId == ticketId && a.Metric == SlaMetrics.FirstResponse && a.Kind == SlaTimerDue.Breach, timeout: Wait);

        Assert.True(warning.At < breach.At);
        Assert.True(breach.At >= breach.DueAt, $"breached at {breach.At:O}, due {breach.DueAt:O}");
        Assert.Equal(TicketPriorities.Urgent, breach.Priority);
        var ticket = await staff.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{ticketId}");
        Assert.Equal(SlaStatuses.Breached, ticket!.Sla!.Single(m => m.Metric == SlaMetrics.FirstResponse).Status);
        var breaching = await staff.GetFromJsonAsync<TicketPage>("/api/support/tickets?sla=breaching&pageSize=100");
        Assert.Contains(breaching!.Items, t => t.TicketId == ticketId && t.SlaBreached);
        Assert.True(breaching.Items.Select(t => t.SlaDueAt).SequenceEqual(breaching.Items.Select(t => t.SlaDueAt).Order()));

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(fixture.Events.All<TicketSlaAlert>(), a => a.TicketId == ticketId && a.Metric == SlaMetrics.FirstResponse && a.Kind == SlaTimerDue.Warning);
        Assert.Single(fixture.Events.All<TicketSlaAlert>(), a => a.TicketId == ticketId && a.Metric == SlaMetrics.FirstResponse && a.Kind == SlaTimerDue.Breach);
    }

    [Fact]
    public async Task Should_not_count_while_pending_and_resume_where_it_stopped()
    {
        var (ticketId, staff) = await UrgentTicketAsync(status: TicketStatuses.Pending);

        await Task.Delay(TicketingFixture.UrgentFirstResponse * 2);
        Assert.DoesNotContain(fixture.Events.All<TicketSlaAlert>(), a => a.TicketId == ticketId);
        var paused = await staff.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{ticketId}");
        Assert.All(paused!.Sla!, m => Assert.Equal(SlaStatuses.Paused, m.Status));

        var resumedAt = DateTimeOffset.UtcNow;
        await staff.PatchAsJsonAsync($"/api/support/tickets/{ticketId}", new { status = TicketStatuses.Open });

        var breach = await fixture.Events.WaitForAsync<TicketSlaAlert>(a => a.TicketId == ticketId && a.Metric == SlaMetrics.FirstResponse && a.Kind == SlaTimerDue.Breach, timeout: Wait);
        Assert.True(breach.DueAt >= resumedAt.AddSeconds(1), $"due {breach.DueAt:O}, resumed {resumedAt:O}: the paused seconds did not count");
    }

    [Fact]
    public async Task Should_achieve_the_first_response_when_answered_in_time()
    {
        var (ticketId, staff) = await UrgentTicketAsync();

        var reply = await staff.PostAsJsonAsync($"/api/support/tickets/{ticketId}/messages", new { body = "On it." });

        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        await Task.Delay(TicketingFixture.UrgentFirstResponse + TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(fixture.Events.All<TicketSlaAlert>(), a => a.TicketId == ticketId && a.Metric == SlaMetrics.FirstResponse);
        var ticket = await staff.GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{ticketId}");
        Assert.Equal(SlaStatuses.Achieved, ticket!.Sla!.Single(m => m.Metric == SlaMetrics.FirstResponse).Status);
        Assert.Null((await fixture.CreateCustomer(ticket.CustomerId).GetFromJsonAsync<TicketDetails>($"/api/support/tickets/{ticketId}"))!.Sla);
    }

    /// <summary>A customer's request made urgent by an agent (with <paramref name="status"/> in the same change); the agent's client.</summary>
    [Fact]
    public async Task Should_email_the_owner_the_warning_and_the_breach_once_each()
    {
        var customer = fixture.CreateCustomer(Guid.NewGuid());
        var opened = await customer.PostAsJsonAsync("/api/support/tickets", new { subject = "The checkout is down", body = "Nobody can pay." });
        var ticketId = (await opened.Content.ReadFromJsonAsync<SupportDeskApi.Opened>())!.TicketId;
        var owner = await fixture.AddStaffAsync("Olga Owner", Roles.Agent);
        var staff = fixture.CreateClient(owner, Roles.Agent);
        // Owned before it becomes urgent: every alert of its seconds-long targets is the owner's.
        ApiAssert.Status(HttpStatusCode.OK, await staff.PostAsJsonAsync($"/api/support/tickets/{ticketId}/assign", new { assigneeId = owner }));
        ApiAssert.Status(HttpStatusCode.OK, await staff.PatchAsJsonAsync($"/api/support/tickets/{ticketId}", new { priority = TicketPriorities.Urgent }));

        await fixture.Events.WaitForAsync<TicketSlaAlert>(a => a.TicketId == ticketId && a.Kind == SlaTimerDue.Breach, timeout: Wait);
        var breach = await fixture.Events.WaitForAsync<SendEmail>(e => e.Template == EmailTemplates.SlaAlert && e.CustomerId == owner && e.Variables["alert"] == "missed its first response target", timeout: Wait);
        Assert.Equal($"{owner:N}@customerplatform.test", breach.To);
        await fixture.Events.WaitForAsync<SendEmail>(e => e.Template == EmailTemplates.SlaAlert && e.CustomerId == owner && e.Variables["alert"] == "has used 75 % of its first response target", timeout: Wait);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var toOwner = fixture.Events.All<SendEmail>().Where(e => e.Template == EmailTemplates.SlaAlert && e.Variables["ticketLink"].EndsWith(ticketId.ToString())).ToList();
        Assert.All(toOwner, e => Assert.Equal(owner, e.CustomerId));
        Assert.Equal(toOwner.Count, toOwner.Select(e => e.NotificationId).Distinct().Count());
    }

    [Fact]
    public async Task Should_email_the_agents_of_its_queue_while_nobody_owns_it()
    {
        var adminId = await fixture.AddStaffAsync("Ada Admin", Roles.Admin);
        var admin = fixture.CreateClient(adminId, Roles.Admin);
        var member = await fixture.AddStaffAsync("Kim Alerts", Roles.Agent);
        ApiAssert.Status(HttpStatusCode.OK, await admin.PutAsJsonAsync($"/api/support/staff/{member}/routing", new { queues = new[] { "alerts" } }));
        var outsider = await fixture.AddStaffAsync("Lou Elsewhere", Roles.Agent);
        var customer = fixture.CreateCustomer(Guid.NewGuid());
        var opened = await customer.PostAsJsonAsync("/api/support/tickets", new { subject = "Alertcheck: the checkout is down", body = "Nobody can pay." });
        var ticketId = (await opened.Content.ReadFromJsonAsync<SupportDeskApi.Opened>())!.TicketId;
        ApiAssert.Status(HttpStatusCode.OK, await admin.PatchAsJsonAsync($"/api/support/tickets/{ticketId}", new { priority = TicketPriorities.Urgent }));

        await fixture.Events.WaitForAsync<SendEmail>(e => e.Template == EmailTemplates.SlaAlert && e.CustomerId == member
            && e.Variables["ticketLink"].EndsWith(ticketId.ToString()) && e.Variables["alert"] == "missed its first response target", timeout: Wait);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var alerted = fixture.Events.All<SendEmail>()
            .Where(e => e.Template == EmailTemplates.SlaAlert && e.Variables["ticketLink"].EndsWith(ticketId.ToString()))
            .Select(e => e.CustomerId).Distinct().ToList();
        Assert.Equal([member], alerted);
        Assert.DoesNotContain(outsider, alerted);
    }

    private async Task<(Guid TicketId, HttpClient Staff)> UrgentTicketAsync(string? status = null)
    {
        var customer = fixture.CreateCustomer(Guid.NewGuid());
        var opened = await customer.PostAsJsonAsync("/api/support/tickets", new { subject = "The checkout is down", body = "Nobody can pay." });
        var ticketId = (await opened.Content.ReadFromJsonAsync<SupportDeskApi.Opened>())!.TicketId;
        var agent = await fixture.AddStaffAsync("Sam Support", Roles.Agent);
        var staff = fixture.CreateClient(agent, Roles.Agent);
        var changed = await staff.PatchAsJsonAsync($"/api/support/tickets/{ticketId}", new { priority = TicketPriorities.Urgent, status });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        return (ticketId, staff);
    }
}
