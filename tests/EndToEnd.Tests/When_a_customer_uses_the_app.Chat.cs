using System.Net;
using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;
using Microsoft.Playwright;

namespace CustomerPlatform.EndToEnd.Tests;

public sealed partial class When_a_customer_uses_the_app
{
    [Fact]
    public async Task Should_chat_live_with_an_agent_who_takes_the_chat_and_keep_the_transcript_on_its_ticket()
    {
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
        var tag = Guid.NewGuid().ToString("N")[..10];
        var name = $"Chad Chat {tag}";
        var email = $"chat-{tag}@example.com";
        await Accounts.NewCustomerAsync(platform.Gateway, mail, email, name, TimeSpan.FromSeconds(90));

        // The agent has room for the chat (earlier tests leave tickets waiting in the queue, which routing gives them first).
        var admin = await Accounts.SignInAsync(platform.Gateway, StaffAccounts.Admin);
        var routing = (await admin.GetAsync("/api/support/routing")).GetProperty("agents").EnumerateArray()
            .Single(a => a.GetProperty("displayName").GetString() == "Alex Agent");
        await admin.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/support/staff/{routing.GetProperty("id").GetString()}/routing", new
        {
            queues = routing.GetProperty("queues").EnumerateArray().Select(q => q.GetString()).ToArray(),
            skills = routing.GetProperty("skills").EnumerateArray().Select(s => s.GetString()).ToArray(),
            capacity = Math.Max(200, routing.GetProperty("capacity").GetInt32()),
        });

        // The agent opens the console, connected, and makes themself available.
        var agentApi = await Accounts.SignInAsync(platform.Gateway, StaffAccounts.Agent);
        await using var agentContext = await browser.NewContextAsync(Gateway);
        agentContext.SetDefaultTimeout(Timeout);
        var staff = await agentContext.NewPageAsync();
        await SignInAsync(staff, "/support/tickets", StaffAccounts.Agent);
        await staff.GetByRole(AriaRole.Link, new() { Name = "Chats", Exact = true }).ClickAsync();
        await staff.WaitForURLAsync(new Regex("/staff/chats$"));
        await staff.WaitForAppAsync();
        await Assertions.Expect(staff.GetByTestId("chat-console")).ToHaveAttributeAsync("data-connected", "true");
        await Assertions.Expect(staff.GetByTestId("availability")).ToContainTextAsync("You are away");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Start taking new tickets" }).ClickAsync();
        try
        {
            await Assertions.Expect(staff.GetByTestId("availability")).ToContainTextAsync("You are available");
            await Browser.AssertAccessibleAsync(staff, "the chat console");

            // The customer finds the chat from the help they were looking for; an empty first message is refused beside its field.
            await using var customerContext = await browser.NewContextAsync(Gateway);
            customerContext.SetDefaultTimeout(Timeout);
            var customer = await customerContext.NewPageAsync();
            await SignInAsync(customer, "/support/new", (email, Accounts.DefaultPassword));
            await customer.GetByRole(AriaRole.Link, new() { Name = "Chat with us" }).ClickAsync();
            await customer.WaitForURLAsync(new Regex("/support/chat$"));
            await customer.WaitForAppAsync();
            var otherTab = await customerContext.NewPageAsync();
            await otherTab.GotoAsync("/support/chat");
            await otherTab.WaitForAppAsync();
            await customer.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
            await Assertions.Expect(customer.Locator("#chat-first-message-error")).ToBeVisibleAsync();
            await Browser.AssertAccessibleAsync(customer, "the chat's start form with an error");
            await customer.GetByLabel("What can we help you with?").FillAsync($"My parcel {tag} never arrived.");
            await customer.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
            await Assertions.Expect(customer.GetByTestId("chat-status")).ToContainTextAsync("Waiting for an agent…");
            var customerLog = customer.GetByRole(AriaRole.Log, new() { Name = "Chat messages" });
            await Assertions.Expect(customerLog).ToContainTextAsync($"My parcel {tag} never arrived.");
            await Browser.AssertAccessibleAsync(customer, "a chat waiting for an agent");

            // A second chat from a tab opened before the first started is refused (409): that tab opens the chat going on.
            await otherTab.GetByLabel("What can we help you with?").FillAsync("Hello again?");
            await otherTab.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
            await Assertions.Expect(otherTab.GetByTestId("chat-status")).ToContainTextAsync("Waiting for an agent…");
            await Assertions.Expect(otherTab.GetByRole(AriaRole.Log, new() { Name = "Chat messages" })).ToContainTextAsync($"My parcel {tag} never arrived.");
            await otherTab.CloseAsync();

            // The waiting chat appears in the agent's console without a reload; they take it.
            var waiting = staff.GetByRole(AriaRole.List, new() { Name = "Waiting chats" }).Locator("[data-chat]", new() { HasText = name });
            await Assertions.Expect(waiting).ToContainTextAsync($"My parcel {tag} never arrived.");
            await Browser.AssertAccessibleAsync(staff, "the chat console with a waiting chat");
            await waiting.GetByRole(AriaRole.Button, new() { Name = "Take" }).ClickAsync();
            await Assertions.Expect(waiting).ToHaveCountAsync(0);
            await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Name = $"Chat with {name}" })).ToBeVisibleAsync();
            var staffLog = staff.GetByRole(AriaRole.Log, new() { Name = "Chat messages" });
            await Assertions.Expect(staffLog).ToContainTextAsync($"My parcel {tag} never arrived.");
            await Assertions.Expect(customer.GetByTestId("chat-status")).ToContainTextAsync("You are chatting with Alex Agent");

            // The agent types: the customer sees it; Enter sends, and the message shows on both sides.
            var staffMessage = staff.GetByLabel("Your message");
            await staffMessage.PressSequentiallyAsync("Sorry to hear that! Let me look");
            await Assertions.Expect(customer.GetByTestId("typing")).ToHaveTextAsync("Alex Agent is typing…");
            await staffMessage.PressAsync("Enter");
            await Assertions.Expect(staffMessage).ToHaveValueAsync("");
            await Assertions.Expect(customerLog.Locator("[data-role='staff']")).ToContainTextAsync("Sorry to hear that! Let me look");
            await Assertions.Expect(customer.GetByTestId("typing")).ToBeEmptyAsync();

            // The customer answers on two lines (Shift+Enter); the agent sees it at once, and both see their message seen.
            var customerMessage = customer.GetByLabel("Your message");
            await customerMessage.FillAsync("It was order 42,");
            await customerMessage.PressAsync("Shift+Enter");
            await customerMessage.PressSequentiallyAsync("sent last week.");
            await customerMessage.PressAsync("Enter");
            var answer = staffLog.Locator("[data-role='customer']").Last;
            await Assertions.Expect(answer.Locator(".body")).ToHaveTextAsync("It was order 42,\nsent last week.");
            await Assertions.Expect(customerLog.Locator("[data-role='customer']").Last.GetByTestId("seen")).ToHaveTextAsync("Seen");
            await Assertions.Expect(staffLog.Locator("[data-role='staff']").Last.GetByTestId("seen")).ToHaveTextAsync("Seen");
            await Browser.AssertAccessibleAsync(customer, "a live chat");
            await Browser.AssertAccessibleAsync(staff, "the chat console with a live chat");

            // The customer ends the chat: both sides say so, and its ticket holds the transcript.
            await customer.GetByRole(AriaRole.Button, new() { Name = "End chat" }).ClickAsync();
            await Assertions.Expect(customer.GetByTestId("chat-status")).ToContainTextAsync("This chat has ended");
            await Assertions.Expect(staff.GetByTestId("chat-status")).ToContainTextAsync("This chat has ended");
            await Assertions.Expect(staff.GetByLabel("Your message")).ToHaveCountAsync(0);
            await customer.GetByTestId("chat-status").GetByRole(AriaRole.Link).ClickAsync();
            await customer.WaitForURLAsync(new Regex("/support/tickets/[0-9a-f-]{36}$"));
            var transcript = customer.GetByRole(AriaRole.List, new() { Name = "Messages" });
            await Assertions.Expect(transcript).ToContainTextAsync($"My parcel {tag} never arrived.");
            await Assertions.Expect(transcript).ToContainTextAsync("Sorry to hear that! Let me look");
            await Assertions.Expect(transcript).ToContainTextAsync("sent last week.");
        }
        finally
        {
            // Other tests expect their tickets to wait in the queue for someone to take them.
            await agentApi.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/support/staff/me/availability", new { available = false });
        }
    }
}
