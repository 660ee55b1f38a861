using System.Net;
using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;
using Microsoft.Playwright;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>
/// Issue 18's loyalty pages in the browser: a customer's points, tier, history, rewards and codes; staff finding a member
/// and adjusting their points with a reason. Points come the way the store gives them: its orders through the gateway
/// (one placed past its return window is confirmed at once), rewards from the test catalogue (PlatformFixture).
/// </summary>
public sealed partial class When_a_customer_uses_the_app
{
    [GeneratedRegex(@"^[A-HJ-NP-Z2-9]{12}$")]
    private static partial Regex RewardCodePattern();

    /// <summary>A new customer with orders from the store: the first placed <paramref name="confirmedSpend"/> long enough ago that its points are confirmed, the second (if any) still pending.</summary>
    private async Task<(string Email, ApiSession Customer)> CustomerWithPointsAsync(string name, decimal confirmedSpend, decimal pendingSpend)
    {
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
        var tag = Guid.NewGuid().ToString("N")[..10];
        var email = $"points-{tag}@example.com";
        var (_, customer) = await Accounts.NewCustomerAsync(platform.Gateway, mail, email, $"{name} {tag}", Wait);
        var store = await Accounts.StoreSignInAsync(platform.Gateway, StaffAccounts.Store);
        foreach (var (orderId, spend, placed) in new[] { ("PTS-OLD-" + tag, confirmedSpend, DateTimeOffset.UtcNow.AddDays(-40)), ("PTS-NEW-" + tag, pendingSpend, DateTimeOffset.UtcNow) })
        {
            if (spend == 0)
                continue;
            await store.ExpectAsync(HttpStatusCode.Created, HttpMethod.Put, $"/api/customers/orders/{orderId}", new
            {
                customerEmail = email, customerName = name, placedAt = placed, currency = "EUR",
                lines = new[] { new { sku = "SOFA-" + tag, name = "Sofa", category = "home", quantity = 1, unitPrice = spend } },
                shippingCost = 0m, total = spend, estimatedDelivery = placed.AddDays(3),
            });
        }

        for (var deadline = DateTime.UtcNow + Wait; ; await Task.Delay(250))
        {
            var me = await customer.GetAsync("/api/loyalty/me");
            if (me.GetProperty("pointsBalance").GetInt64() == (long)confirmedSpend && me.GetProperty("pendingPoints").GetInt64() == (long)pendingSpend)
                break;
            Assert.True(DateTime.UtcNow < deadline, $"The orders' points never arrived: {me}");
        }
        return (email, customer);
    }

    [Fact]
    public async Task Should_show_a_customer_their_points_tier_and_history_and_redeem_a_reward_for_a_code()
    {
        var (email, _) = await CustomerWithPointsAsync("Penny Points", confirmedSpend: 1_200m, pendingSpend: 45m);

        // From the nav to the page: balance, pending points, tier and the way to the next, the history newest first.
        await SignInAsync(_page, "/orders", (email, Accounts.DefaultPassword));
        await _page.GetByRole(AriaRole.Link, new() { Name = "Points", Exact = true }).ClickAsync();
        await _page.WaitForURLAsync(new Regex("/loyalty$"));
        await Assertions.Expect(_page.GetByTestId("balance")).ToHaveTextAsync("1,200");
        await Assertions.Expect(_page.GetByTestId("pending")).ToContainTextAsync("45");
        await Assertions.Expect(_page.GetByTestId("tier")).ToHaveTextAsync("Silver");
        var progress = _page.GetByRole(AriaRole.Progressbar, new() { Name = "3,800 points to Gold" });
        await Assertions.Expect(progress).ToHaveAttributeAsync("value", "1200");
        await Assertions.Expect(progress).ToHaveAttributeAsync("max", "5000");
        await Assertions.Expect(_page.GetByTestId("expiring")).ToBeVisibleAsync();
        var history = _page.GetByRole(AriaRole.List, new() { Name = "Points history, newest first" }).Locator("li");
        await Assertions.Expect(history.Filter(new() { HasText = "+45 pending" })).ToContainTextAsync("Earned from an order (pending)");
        await Assertions.Expect(_page.Locator("[data-kind='confirm']")).ToContainTextAsync("Confirmed +1,200 points");
        await Browser.AssertAccessibleAsync(_page, "the loyalty page");

        // A reward beyond the balance: confirmed, then refused with the reason, and nothing spent.
        var beyond = _page.Locator("[data-reward='weekend-away']");
        await Assertions.Expect(beyond).ToContainTextAsync("998,800 points more needed");
        await beyond.GetByRole(AriaRole.Button, new() { Name = "Redeem A weekend away" }).ClickAsync();
        await beyond.GetByRole(AriaRole.Button, new() { Name = "Yes, redeem" }).ClickAsync();
        await Assertions.Expect(beyond.GetByRole(AriaRole.Alert)).ToContainTextAsync("Not enough points: A weekend away costs 1,000,000 points");
        await Assertions.Expect(_page.GetByTestId("balance")).ToHaveTextAsync("1,200");
        await Browser.AssertAccessibleAsync(_page, "the loyalty page refusing a reward");

        // One within it: the code and its expiry at once, the balance down, the code among hers, the spending in the history.
        var reward = _page.Locator("[data-reward='ten-off']");
        await reward.GetByRole(AriaRole.Button, new() { Name = "Redeem 10 % off your next order" }).ClickAsync();
        await Assertions.Expect(reward).ToContainTextAsync("Spend 500 points on 10 % off your next order?");
        await reward.GetByRole(AriaRole.Button, new() { Name = "Yes, redeem" }).ClickAsync();
        var redeemed = reward.GetByTestId("redeemed");
        await Assertions.Expect(redeemed).ToContainTextAsync("valid until");
        var code = await redeemed.Locator("strong").InnerTextAsync();
        Assert.Matches(RewardCodePattern(), code);
        await Assertions.Expect(_page.GetByTestId("balance")).ToHaveTextAsync("700");
        var codes = _page.GetByRole(AriaRole.List, new() { Name = "Your codes" });
        await Assertions.Expect(codes.Locator($"[data-code='{code}']")).ToHaveAttributeAsync("data-state", "valid");
        await Assertions.Expect(history.First).ToContainTextAsync("Spent on a reward \u2212500 points");
        await Browser.AssertAccessibleAsync(_page, "the loyalty page with a new code");

        // The store uses it on an order, and a code that lasts a second runs out: "my codes" tells the three apart.
        var store = await Accounts.StoreSignInAsync(platform.Gateway, StaffAccounts.Store);
        await store.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/loyalty/codes/{code}/redemptions",
            new { orderId = "PTS-USE-" + code, customerEmail = email, orderTotal = 80m });
        var blink = _page.Locator("[data-reward='blink']");
        await blink.GetByRole(AriaRole.Button, new() { Name = "Redeem A code that expires at once" }).ClickAsync();
        await blink.GetByRole(AriaRole.Button, new() { Name = "Yes, redeem" }).ClickAsync();
        var blinkCode = await blink.GetByTestId("redeemed").Locator("strong").InnerTextAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await _page.ReloadAsync();
        await _page.WaitForAppAsync();
        await Assertions.Expect(codes.Locator($"[data-code='{code}']")).ToHaveAttributeAsync("data-state", "used");
        await Assertions.Expect(codes.Locator($"[data-code='{code}']")).ToContainTextAsync("Used");
        await Assertions.Expect(codes.Locator($"[data-code='{blinkCode}']")).ToHaveAttributeAsync("data-state", "expired");
        await Assertions.Expect(_page.GetByTestId("balance")).ToHaveTextAsync("699");
    }

    [Fact]
    public async Task Should_let_an_agent_find_a_member_and_adjust_their_points_with_a_reason_the_customer_then_sees()
    {
        var (email, customer) = await CustomerWithPointsAsync("Adam Adjusted", confirmedSpend: 200m, pendingSpend: 0m);

        await using (var agent = await browser.NewContextAsync(Gateway))
        {
            var staff = await agent.NewPageAsync();
            await SignInAsync(staff, "/support/tickets", StaffAccounts.Agent);
            await staff.GetByRole(AriaRole.Link, new() { Name = "Loyalty", Exact = true }).ClickAsync();
            await staff.WaitForURLAsync(new Regex("/staff/loyalty$"));

            // An address without a membership says so beside the field; the customer's opens their member page.
            await staff.GetByLabel("Member's email").FillAsync($"nobody-{Guid.NewGuid():N}@example.com");
            await staff.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
            await Assertions.Expect(staff.Locator("#member-email-error")).ToContainTextAsync("No member has this address");
            await Browser.AssertAccessibleAsync(staff, "the member lookup with no match");
            await staff.GetByLabel("Member's email").FillAsync(email.ToUpperInvariant());
            await staff.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
            await staff.WaitForURLAsync(new Regex("/staff/loyalty/[0-9a-f-]{36}$"));
            await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(email);
            await Assertions.Expect(staff.GetByTestId("balance")).ToHaveTextAsync("200");
            await Assertions.Expect(staff.GetByTestId("tier")).ToHaveTextAsync("Member (800 points to Silver)");
            await Assertions.Expect(staff.GetByTestId("ledger").Locator("tbody tr")).ToHaveCountAsync(2);

            // No reason: the server's message beside the field, nothing written.
            await staff.GetByLabel("Points", new() { Exact = true }).FillAsync("150");
            await staff.GetByRole(AriaRole.Button, new() { Name = "Adjust points" }).ClickAsync();
            await Assertions.Expect(staff.Locator("#adjust-reason-error")).ToContainTextAsync("'reason' is required");
            await Assertions.Expect(staff.GetByLabel("Reason")).ToHaveAttributeAsync("aria-invalid", "true");
            await Browser.AssertAccessibleAsync(staff, "the adjustment form with an error");
            await Assertions.Expect(staff.GetByTestId("ledger").Locator("tbody tr")).ToHaveCountAsync(2);

            // With one: the balance and the history show it, with who made it and why.
            await staff.GetByLabel("Reason").FillAsync("Sofa delivered a week late");
            await staff.GetByRole(AriaRole.Button, new() { Name = "Adjust points" }).ClickAsync();
            await Assertions.Expect(staff.GetByTestId("adjusted")).ToContainTextAsync("Added 150 points: Sofa delivered a week late");
            await Assertions.Expect(staff.GetByTestId("balance")).ToHaveTextAsync("350");
            var newest = staff.GetByTestId("ledger").Locator("tbody tr").First;
            await Assertions.Expect(newest).ToHaveAttributeAsync("data-kind", "adjustment");
            await Assertions.Expect(newest.Locator("[data-field='reason']")).ToHaveTextAsync("Sofa delivered a week late");
            await Assertions.Expect(newest.Locator("[data-field='by']")).ToHaveTextAsync("Alex Agent");
            await Assertions.Expect(newest).ToContainTextAsync("+150 points");
            await Browser.AssertAccessibleAsync(staff, "a loyalty member after an adjustment");
        }

        Assert.Equal(350, (await customer.GetAsync("/api/loyalty/me")).GetProperty("pointsBalance").GetInt64());
        await SignInAsync(_page, "/loyalty", (email, Accounts.DefaultPassword));
        await Assertions.Expect(_page.GetByTestId("balance")).ToHaveTextAsync("350");
        var adjustment = _page.Locator("[data-kind='adjustment']");
        await Assertions.Expect(adjustment).ToContainTextAsync("Adjusted by our team +150 points");
        await Assertions.Expect(adjustment).ToContainTextAsync("Sofa delivered a week late");
    }
}
