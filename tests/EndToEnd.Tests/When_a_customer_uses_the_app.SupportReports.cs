using System.Net;
using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;
using Microsoft.Playwright;

namespace CustomerPlatform.EndToEnd.Tests;

public sealed partial class When_a_customer_uses_the_app
{
    [Fact]
    public async Task Should_show_an_agent_the_support_reports_as_charts_with_the_tickets_of_the_period()
    {
        // A customer asks; the agent answers and solves it, and the customer rates it: today has a first response, a
        // resolution, a backlog, a rating and a scored message.
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
        var tag = Guid.NewGuid().ToString("N")[..10];
        var (_, customer) = await Accounts.NewCustomerAsync(platform.Gateway, mail, $"reports-{tag}@example.com", $"Rae Reports {tag}", TimeSpan.FromSeconds(90));
        var ticketId = (await customer.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/support/tickets",
            new { subject = $"Lamp {tag}", body = "The lamp I bought flickers, which is really annoying." })).GetProperty("ticketId").GetString();
        var api = await Accounts.SignInAsync(platform.Gateway, StaffAccounts.Agent);
        await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/support/tickets/{ticketId}/messages", new { body = "A new bulb is on its way." });
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/support/tickets/{ticketId}", new { status = "solved" });
        await customer.ExpectAsync(HttpStatusCode.Accepted, HttpMethod.Post, $"/api/support/tickets/{ticketId}/satisfaction", new { score = 4 });
        var rated = DateTime.UtcNow + Wait;
        while ((await api.GetAsync("/api/support/reports/satisfaction")).GetProperty("overall").GetProperty("ratings").GetInt32() == 0 && DateTime.UtcNow < rated)
            await Task.Delay(200);

        await using var agent = await browser.NewContextAsync(Gateway);
        var staff = await agent.NewPageAsync();
        await SignInAsync(staff, "/support/tickets", StaffAccounts.Agent);
        await staff.GetByRole(AriaRole.Link, new() { Name = "Support reports" }).ClickAsync();
        await staff.WaitForURLAsync(new Regex("/staff/support-reports$"));
        await staff.WaitForAppAsync();

        var times = staff.GetByTestId("times");
        await Assertions.Expect(times.Locator("[data-figure='first-response']")).ToContainTextAsync("median");
        await Assertions.Expect(times.Locator("[data-figure='resolution']")).ToContainTextAsync("median");
        foreach (var section in new[] { "times", "sla", "backlog", "satisfaction", "self-service", "sentiment" })
        {
            var chart = staff.GetByTestId(section).Locator("figure").First;
            await Assertions.Expect(chart.Locator("svg").First).ToBeVisibleAsync();
            Assert.True(await chart.Locator("svg path").CountAsync() >= 1, $"the {section} chart drew nothing");
        }
        // The first-response chart names itself and keeps its figures for screen readers.
        await Assertions.Expect(times.GetByRole(AriaRole.Figure, new() { Name = "First response per day of creation" })).ToBeVisibleAsync();
        Assert.True(await times.Locator("figure table tbody tr").First.Locator("td").First.TextContentAsync() is { } median && median != "—");
        await Assertions.Expect(staff.GetByTestId("sla").Locator("[data-metric='first-response'][data-priority='all'] td").Nth(1)).Not.ToHaveTextAsync("0");
        await Assertions.Expect(staff.GetByTestId("backlog").Locator("figure").First.Locator("table tbody tr")).Not.ToHaveCountAsync(0);
        await Browser.AssertAccessibleAsync(staff, "the support reports");

        // Another period: a wrong one is named beside its field.
        await staff.GetByLabel("From", new() { Exact = true }).FillAsync("2020-01-01");
        await staff.GetByLabel("To", new() { Exact = true }).FillAsync("2019-01-01");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(staff.Locator("#to-error")).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(staff, "the support reports with a wrong period");
    }
}
