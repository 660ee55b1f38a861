using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;
using Microsoft.Playwright;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>
/// The app in a real browser (Debian's Chromium), through the gateway only: sign-up, the verification link
/// from MailDev, signing in on Identity's page through the gateway's backend-for-frontend, the journey map
/// moving on its own while an admin approves the details in their own browser, sign-out; and the session's
/// tokens never within the page's reach.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class When_a_customer_uses_the_app(PlatformFixture platform, Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private const string Password = "correct horse battery staple 42";
    private static readonly float Timeout = 60_000;

    private readonly List<string> _bodies = [];
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    private Uri Gateway => platform.Gateway.BaseAddress!;

    public async Task InitializeAsync()
    {
        _context = await browser.NewContextAsync(Gateway, width: 375, height: 800); // a phone's width
        _context.SetDefaultTimeout(Timeout);
        Assertions.SetDefaultExpectTimeout(30_000); // the journey moves by messages; the page reads it every 3 s
        _page = await _context.NewPageAsync();
        // Everything the page's scripts could read: every response body of its own origin.
        _page.Response += async (_, response) =>
        {
            if (response.Status is >= 300 and < 400 || !response.Url.StartsWith(Gateway.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
                return;
            var type = await response.HeaderValueAsync("content-type") ?? "";
            if (!type.Contains("json", StringComparison.Ordinal) && !type.Contains("html", StringComparison.Ordinal) && !type.Contains("text", StringComparison.Ordinal))
                return;
            try
            {
                var body = await response.TextAsync();
                lock (_bodies)
                {
                    _bodies.Add(response.Url + "\n" + body);
                    // A prerendered page carries what it read, encoded, for the browser's first render.
                    _bodies.AddRange(PageState(body).Select(state => response.Url + " (page state)\n" + state));
                }
            }
            catch (PlaywrightException)
            {
                // The page navigated on before the body was read.
            }
        };
    }

    [Fact]
    public async Task Should_sign_up_verify_sign_in_follow_the_journey_and_sign_out_without_the_page_ever_holding_a_token()
    {
        var email = $"app-{Guid.NewGuid():N}@example.com";
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));

        // Sign-up: the server's message shows next to the field it names; then the form goes through.
        await _page.GotoAsync("/sign-up");
        await _page.WaitForAppAsync();
        await _page.GetByLabel("Your name").FillAsync("Ada App");
        await _page.GetByLabel("Email").FillAsync(email);
        await _page.GetByLabel("Password").FillAsync("short");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Assertions.Expect(_page.Locator("#password-error")).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(_page, "the sign-up form with an error");
        await _page.GetByLabel("Password").FillAsync(Password);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Status)).ToContainTextAsync("We sent a verification link");
        await Browser.AssertAccessibleAsync(_page, "the sign-up page once sent");

        // The link in the email opens the app's page, which verifies and says so.
        var emails = await mail.WaitForAsync(email, found => found.Count >= 1, TimeSpan.FromSeconds(60));
        var link = VerificationLink().Match(emails[0].GetProperty("text").GetString()!);
        Assert.True(link.Success, "The verification email has no link.");
        // A mail scanner fetching the link first (the gateway prerenders the page) does not use it up.
        Assert.Equal(200, (await _context.APIRequest.GetAsync(link.Value)).Status);
        await _page.GotoAsync(link.Value);
        await _page.WaitForAppAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Status)).ToContainTextAsync("verified");
        await Browser.AssertAccessibleAsync(_page, "the verified page");

        // A used link says so and offers a new one.
        var used = await _context.NewPageAsync();
        await used.GotoAsync(link.Value);
        await used.WaitForAppAsync();
        await Assertions.Expect(used.GetByRole(AriaRole.Alert)).ToContainTextAsync("expired or was already used");
        await Assertions.Expect(used.GetByRole(AriaRole.Button, new() { Name = "Send a new link" })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(used, "the used-link page");
        await used.CloseAsync();

        // Signing in goes through Identity's page and comes back to the journey.
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in to start" }).ClickAsync();
        await _page.WaitForURLAsync(new Regex("/connect/signin"));
        await Browser.AssertAccessibleAsync(_page, "Identity's sign-in page");
        await _page.GetByLabel("Email").FillAsync(email);
        await _page.GetByLabel("Password").FillAsync(Password);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await _page.WaitForURLAsync(new Regex("/onboarding$"));
        await _page.WaitForAppAsync();
        await Assertions.Expect(_page.Locator("header .who")).ToHaveTextAsync("Ada App");

        // The journey map shows each step's state, and moves on without a reload: step 4 (the details
        // form offered) completes on its own right after verification, and step 5 waits on the customer.
        await Assertions.Expect(_page.Locator("[data-step='3']")).ToHaveAttributeAsync("data-status", "completed");
        await Assertions.Expect(_page.Locator("[data-step='5']")).ToHaveAttributeAsync("data-status", "active");
        await Assertions.Expect(_page.Locator("[data-step='5'] .state")).ToHaveTextAsync("Your turn");
        await Assertions.Expect(_page.Locator("[data-step='6'] .state")).ToHaveTextAsync("Not yet");
        await Browser.AssertAccessibleAsync(_page, "the journey page");

        // The in-app inbox: the header counts what is unread (the emails so far are there too); reading it all empties the count.
        var inboxLink = _page.Locator("header a[href='/notifications']");
        await Assertions.Expect(inboxLink).ToHaveTextAsync(new Regex(@"^\s*Notifications\s*[1-9]\d* unread\s*$"));
        await inboxLink.ClickAsync();
        await Assertions.Expect(_page.Locator("[data-read='false']").First).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(_page, "the notifications page");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Mark all read" }).ClickAsync();
        await Assertions.Expect(_page.Locator("[data-read='false']")).ToHaveCountAsync(0);
        await Assertions.Expect(inboxLink).ToHaveTextAsync(new Regex(@"^\s*Notifications\s*$"));
        await _page.GetByRole(AriaRole.Link, new() { Name = "Journey" }).ClickAsync();

        // Step 5 in the form: a bad phone number gets the server's message beside the field, then it goes through.
        await _page.GetByRole(AriaRole.Link, new() { Name = "Fill in your details" }).ClickAsync();
        await _page.GetByLabel("Company").FillAsync("Northwind Traders");
        await _page.GetByLabel("Job title").FillAsync("Operations lead");
        await _page.GetByLabel("Team size").FillAsync("12");
        await _page.GetByLabel("Phone").FillAsync("call me");
        await _page.GetByLabel("Time zone").FillAsync("Europe/Berlin");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Send my details" }).ClickAsync();
        await Assertions.Expect(_page.Locator("#phone-error")).ToContainTextAsync("international form");
        await Assertions.Expect(_page.GetByLabel("Phone")).ToHaveAttributeAsync("aria-invalid", "true");
        await Browser.AssertAccessibleAsync(_page, "the details form with an error");
        await _page.GetByLabel("Phone").FillAsync("+49 30 1234567");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Send my details" }).ClickAsync();
        await _page.WaitForURLAsync(new Regex("/onboarding$"));
        await _page.WaitForAppAsync();
        await Assertions.Expect(_page.Locator("[data-step='5']")).ToHaveAttributeAsync("data-status", "completed");
        await Assertions.Expect(_page.Locator("[data-step='6'] .state")).ToHaveTextAsync("Waiting for our team");

        // An admin approves step 6 in their own browser; the customer's open page moves on by itself
        // (step 6 done, a success manager assigned at step 7 and shown) without a reload.
        await using (var admin = await browser.NewContextAsync(Gateway))
        {
            var staff = await admin.NewPageAsync();
            await SignInAsync(staff, "/staff/approvals", StaffAccounts.Admin);
            var card = staff.Locator($"[data-customer-email='{email}'][data-step='6']");
            await Assertions.Expect(card).ToContainTextAsync("Northwind Traders");
            await Browser.AssertAccessibleAsync(staff, "the approvals queue");
            await card.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
            await Assertions.Expect(card).ToHaveCountAsync(0);
        }

        await Assertions.Expect(_page.Locator("[data-step='6']")).ToHaveAttributeAsync("data-status", "completed");
        await Assertions.Expect(_page.Locator("[data-step='7']")).ToHaveAttributeAsync("data-status", "completed");
        var manager = _page.GetByRole(AriaRole.Region, new() { Name = "Your customer success manager" });
        await Assertions.Expect(manager).ToContainTextAsync("@example.com");
        var managerEmail = CsmEmail().Match(await manager.InnerTextAsync()).Value;

        // 8–9: the introduction is emailed and Training enrolls the customer; step 10 waits on them.
        await Assertions.Expect(_page.Locator("[data-step='9']")).ToHaveAttributeAsync("data-status", "completed");
        await Assertions.Expect(_page.Locator("[data-step='8']")).ToHaveAttributeAsync("data-status", "completed");
        await TakeTheInitialCourseAsync(_page);

        // 11: the customer's own CSM sees the result in their queue and approves it in their own browser.
        await Assertions.Expect(_page.Locator("[data-step='10']")).ToHaveAttributeAsync("data-status", "completed");
        await Assertions.Expect(_page.Locator("[data-step='11'] .state")).ToHaveTextAsync("Waiting for our team");
        await using (var csm = await browser.NewContextAsync(Gateway))
        {
            var staff = await csm.NewPageAsync();
            await SignInAsync(staff, "/staff/approvals", StaffAccounts.Csms.Single(c => c.Email == managerEmail));
            var card = staff.Locator($"[data-customer-email='{email}'][data-step='11']");
            await Assertions.Expect(card.GetByTestId("training-result")).ToContainTextAsync("best 100 %");
            await Browser.AssertAccessibleAsync(staff, "a training approval");
            await card.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
            await Assertions.Expect(card).ToHaveCountAsync(0);
        }

        await Assertions.Expect(_page.Locator("[data-step='11']")).ToHaveAttributeAsync("data-status", "completed");
        await Assertions.Expect(_page.Locator("[data-step='12'] .state")).ToHaveTextAsync("Your turn");

        // The session is an HttpOnly, SameSite=Strict cookie; no token is anywhere the page can read.
        // (The encrypted ticket is split into chunks: cp-session, cp-sessionC1, …)
        var session = (await _context.CookiesAsync()).Where(c => c.Name.StartsWith("cp-session", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(session);
        Assert.All(session, c => Assert.True(c.HttpOnly && c.SameSite == SameSiteAttribute.Strict, $"{c.Name} is readable by scripts or sent cross-site"));
        var readable = await _page.EvaluateAsync<string>(
            "() => document.cookie + '|' + JSON.stringify({ ...localStorage }) + '|' + JSON.stringify({ ...sessionStorage })");
        Assert.DoesNotMatch(Jwt(), readable);
        lock (_bodies)
        {
            Assert.Contains(_bodies, b => b.Contains("/api/onboarding/journey", StringComparison.Ordinal));
            Assert.Contains(_bodies, b => b.Contains("(page state)", StringComparison.Ordinal) && b.Contains("/api/identity/me", StringComparison.Ordinal));
            Assert.DoesNotContain(_bodies, b => Jwt().IsMatch(b));
        }

        // The keys that encrypt the session cookie are themselves encrypted where the gateway keeps them.
        var keyFiles = Directory.GetFiles(Path.Combine(platform.DataDirectory, ResourceNames.Gateway, "keys"), "*.xml");
        Assert.NotEmpty(keyFiles);
        Assert.All(keyFiles, file =>
        {
            var xml = File.ReadAllText(file);
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("kek1.", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });

        // A state-changing request in the session without the anti-forgery header is refused (another
        // site's form could send the cookie, never the header), and changes nothing.
        var forged = await _context.APIRequest.PostAsync("/api/onboarding/journey/help", new() { DataObject = new { body = "Forged help request" } });
        Assert.Equal(400, forged.Status);
        Assert.Contains("X-CSRF", await forged.TextAsync(), StringComparison.Ordinal);

        // Sign-out ends the session at the gateway and at Identity: the journey then asks to sign in again,
        // and the sign-in link shows Identity's form instead of signing straight back in.
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await _page.WaitForURLAsync(new Regex("/signed-out$"));
        await _page.WaitForAppAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "You are signed out" })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(_page, "the signed-out page");
        Assert.DoesNotContain(await _context.CookiesAsync(), c => c.Name.StartsWith("cp-session", StringComparison.Ordinal));
        await _page.GotoAsync("/onboarding");
        await _page.WaitForAppAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Sign in again");
        await _page.GotoAsync("/sign-in?returnUrl=/onboarding");
        await Assertions.Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.Contains("/connect/signin", _page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_refuse_a_wrong_password_with_the_lockout_message_and_say_when_the_session_has_ended()
    {
        var email = $"app-{Guid.NewGuid():N}@example.com";
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
        var (_, api) = await Accounts.NewCustomerAsync(platform.Gateway, mail, email, "Lee Lockout", TimeSpan.FromSeconds(60));

        await _page.GotoAsync("/sign-in?returnUrl=/onboarding");
        await _page.GetByLabel("Email").FillAsync(email);
        await _page.GetByLabel("Password").FillAsync("not the password at all");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Alert)).ToContainTextAsync("incorrect, or the account is temporarily locked");
        await Browser.AssertAccessibleAsync(_page, "Identity's sign-in page with an error");

        await _page.GetByLabel("Password").FillAsync(Accounts.DefaultPassword);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await _page.WaitForURLAsync(new Regex("/onboarding$"));
        await _page.WaitForAppAsync();
        await Assertions.Expect(_page.Locator("[data-step='5']")).ToHaveAttributeAsync("data-status", "active");

        // The password changes elsewhere: Identity revokes every token issued before (ADR-015), so the
        // open page's session ends, and the page says so and offers to sign in again.
        await api.ExpectAsync(System.Net.HttpStatusCode.NoContent, HttpMethod.Post, "/api/identity/change-password",
            new { currentPassword = Accounts.DefaultPassword, newPassword = "a brand new passphrase 43" });
        await Assertions.Expect(_page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your session has ended");
        await Assertions.Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Should_ask_for_help_from_the_journey_and_see_the_agents_reply_arrive_in_the_thread()
    {
        var email = await SignedInCustomerAsync("Hana Help");

        // Before a success manager is assigned, help goes to the support queue.
        await _page.GetByLabel("What do you need?").FillAsync("I cannot find where to put my company's VAT number.");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Ask for help" }).ClickAsync();
        await _page.GetByRole(AriaRole.Link, new() { Name = "Follow it here" }).ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.List, new() { Name = "Messages" })).ToContainTextAsync("VAT number");
        await Browser.AssertAccessibleAsync(_page, "a customer's ticket");
        var ticketPath = new Uri(_page.Url).AbsolutePath;

        // The agent finds it in their list and answers in their own browser.
        await using (var agent = await browser.NewContextAsync(Gateway))
        {
            var staff = await agent.NewPageAsync();
            await SignInAsync(staff, "/support/tickets", StaffAccounts.Agent);
            await staff.GetByLabel("Whose").SelectOptionAsync("none");
            await Browser.AssertAccessibleAsync(staff, "the agent's ticket list");
            await staff.Locator($"a[href='{ticketPath}']").ClickAsync();
            // The agent takes it: the assignment list offers them first.
            var assignment = staff.GetByRole(AriaRole.Region, new() { Name = "Assignment" });
            await Assertions.Expect(assignment).ToContainTextAsync("nobody's yet");
            await assignment.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
            await Assertions.Expect(assignment).ToContainTextAsync("Assigned to Alex Agent");
            await Assertions.Expect(staff.GetByRole(AriaRole.List, new() { Name = "Messages" })).ToContainTextAsync("VAT number");
            await staff.GetByLabel("Your reply").FillAsync("It goes in the company field of the details form.");
            await staff.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
            await Assertions.Expect(staff.Locator("[data-role='staff']")).ToContainTextAsync("company field");
            await Browser.AssertAccessibleAsync(staff, "the agent's view of a ticket");
            await staff.GetByRole(AriaRole.Link, new() { Name = "Tickets" }).ClickAsync();
            await staff.GetByLabel("Whose").SelectOptionAsync("me");
            await Assertions.Expect(staff.Locator($"a[href='{ticketPath}']")).ToBeVisibleAsync();
        }

        // The customer's open page shows the answer without a reload; they mark it solved.
        await Assertions.Expect(_page.Locator("[data-role='staff']")).ToContainTextAsync("company field");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Mark solved" }).ClickAsync();
        await Assertions.Expect(_page.GetByTestId("ticket-status")).ToHaveTextAsync("solved");

        // Solved, the ticket asks how we did, once: the rating replaces the form.
        var satisfaction = _page.GetByRole(AriaRole.Region, new() { Name = "How did we do?" });
        await satisfaction.GetByLabel("Your rating").SelectOptionAsync("4");
        await satisfaction.GetByLabel("Anything to add? (optional)").FillAsync("Quick and clear, thanks.");
        await Browser.AssertAccessibleAsync(_page, "the customer's solved ticket with its rating form");
        await satisfaction.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
        await Assertions.Expect(_page.GetByTestId("satisfaction-given")).ToContainTextAsync("4 out of 5");
    }

    [Fact]
    public async Task Should_do_steps_12_to_17_in_the_app_with_the_csm_answering_a_question_in_the_workspace()
    {
        // Steps 1–11 through the API (the test above does them in the app).
        var (customerId, customer, admin, email, managerEmail) = await EnrolledCustomerAsync("Quinn Questions");
        var journey = new JourneyClient(customer);
        await TrainingClient.PassAsync(customer, admin, Contracts.Training.CourseLevels.Initial);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, await Approvals.DecideAsync(admin, Approvals.Id(await Approvals.WaitForPendingAsync(admin, customerId, 11, Wait)), "approve"));
        await journey.WaitForStepAsync("profile-completed", Wait, "active");

        await SignInAsync(_page, "/onboarding", (email, Accounts.DefaultPassword));

        // 12: the profile, with the server's message beside an empty field first.
        await _page.GetByRole(AriaRole.Link, new() { Name = "Set up your profile" }).ClickAsync();
        await _page.GetByLabel("Headline").FillAsync("Runs operations at Northwind");
        await _page.GetByLabel("Areas of expertise").FillAsync("operations, support");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();
        await Assertions.Expect(_page.Locator("#bio-error")).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(_page, "the profile form with an error");
        await _page.GetByLabel("About you").FillAsync("Ten years of keeping teams on schedule.");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();
        await _page.WaitForURLAsync(new Regex("/onboarding$"));
        await _page.WaitForAppAsync();
        await Assertions.Expect(_page.Locator("[data-step='12']")).ToHaveAttributeAsync("data-status", "completed");

        // 13: a tool connected, then done.
        await _page.GetByRole(AriaRole.Link, new() { Name = "Connect your tools" }).ClickAsync();
        await _page.GetByLabel("Kind of tool").SelectOptionAsync("calendar");
        await _page.GetByLabel("Tool", new() { Exact = true }).FillAsync("Google Calendar");
        await _page.GetByLabel("Your account in it").FillAsync(email);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Connect", Exact = true }).ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.List, new() { Name = "Connected tools" })).ToContainTextAsync("Google Calendar");
        await Browser.AssertAccessibleAsync(_page, "the tools page");
        await _page.GetByRole(AriaRole.Button, new() { Name = "I am done connecting tools" }).ClickAsync();
        await _page.WaitForURLAsync(new Regex("/onboarding$"));
        await _page.WaitForAppAsync();
        await Assertions.Expect(_page.Locator("[data-step='13']")).ToHaveAttributeAsync("data-status", "completed");

        // 14: every feature of the tour opened completes the step by itself.
        await _page.GetByRole(AriaRole.Link, new() { Name = "Explore the product" }).ClickAsync();
        var features = _page.Locator("[data-feature] button");
        await Assertions.Expect(features.First).ToBeVisibleAsync();
        var count = await features.CountAsync();
        for (var i = 0; i < count; i++)
        {
            await features.Nth(i).ClickAsync();
            await Assertions.Expect(features.Nth(i)).ToHaveAttributeAsync("aria-expanded", "true");
        }
        await Assertions.Expect(_page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{count} of {count} features explored.");
        await Browser.AssertAccessibleAsync(_page, "the product tour");
        await _page.GetByRole(AriaRole.Link, new() { Name = "Journey" }).ClickAsync();
        await Assertions.Expect(_page.Locator("[data-step='14']")).ToHaveAttributeAsync("data-status", "completed");

        // 15: a question, then "I have asked everything"; 16 waits on the CSM.
        await _page.GetByRole(AriaRole.Link, new() { Name = "Ask your questions" }).ClickAsync();
        await _page.GetByLabel("Subject").FillAsync("Calendar sync");
        await _page.GetByLabel("Your question").FillAsync("Does the calendar integration sync both ways?");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Send my question" }).ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.List, new() { Name = "Questions you asked" })).ToContainTextAsync("Calendar sync");
        await Browser.AssertAccessibleAsync(_page, "the questions page");
        await _page.GetByRole(AriaRole.Button, new() { Name = "I have asked everything" }).ClickAsync();
        await _page.WaitForURLAsync(new Regex("/onboarding$"));
        await _page.WaitForAppAsync();
        await Assertions.Expect(_page.Locator("[data-step='15']")).ToHaveAttributeAsync("data-status", "completed");
        await Assertions.Expect(_page.Locator("[data-step='16'] .state")).ToHaveTextAsync("Waiting for our team");

        // The CSM answers in their workspace, in their own browser.
        await using (var csm = await browser.NewContextAsync(Gateway))
        {
            var staff = await csm.NewPageAsync();
            await SignInAsync(staff, "/staff/customers", StaffAccounts.Csms.Single(c => c.Email == managerEmail));
            var journeyCard = staff.Locator($"[data-customer-email='{email}']");
            await Assertions.Expect(journeyCard).ToContainTextAsync("Step 16");
            await Assertions.Expect(journeyCard).ToHaveAttributeAsync("data-waiting-on", "staff");
            await Browser.AssertAccessibleAsync(staff, "the CSM's customers");
            await staff.GetByRole(AriaRole.Link, new() { Name = "Tickets" }).ClickAsync();
            await staff.GetByRole(AriaRole.Link, new() { Name = "Calendar sync" }).First.ClickAsync();
            await Assertions.Expect(staff.GetByRole(AriaRole.List, new() { Name = "Messages" })).ToContainTextAsync("both ways");
            await staff.GetByLabel("Your reply").FillAsync("Yes: changes on either side show up within a minute.");
            await staff.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
            await Assertions.Expect(staff.Locator("[data-role='staff']")).ToContainTextAsync("within a minute");
        }

        // The customer's open journey shows 16 done without a reload, and the answer is in the thread.
        await Assertions.Expect(_page.Locator("[data-step='16']")).ToHaveAttributeAsync("data-status", "completed");
        await _page.GetByRole(AriaRole.Link, new() { Name = "Support" }).ClickAsync();
        await _page.GetByRole(AriaRole.Link, new() { Name = "Calendar sync" }).ClickAsync();
        await Assertions.Expect(_page.Locator("[data-role='staff']")).ToContainTextAsync("within a minute");

        // 17: the advanced course declined; 18 and 19 are skipped and the journey is complete.
        await _page.GetByRole(AriaRole.Link, new() { Name = "Journey" }).ClickAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "No, thanks" }).ClickAsync();
        await Assertions.Expect(_page.Locator("[data-step='17']")).ToHaveAttributeAsync("data-status", "completed");
        await Assertions.Expect(_page.Locator("[data-step='18']")).ToHaveAttributeAsync("data-status", "skipped");
        await Assertions.Expect(_page.GetByRole(AriaRole.Link, new() { Name = "Tell us how it went" })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(_page, "the completed journey");
    }

    [Fact]
    public async Task Should_let_the_csm_grant_extra_quiz_attempts_from_the_ticket_that_says_they_ran_out()
    {
        var (_, customer, admin, _, managerEmail) = await EnrolledCustomerAsync("Rory Retry");

        // Every attempt answered with nothing right: Onboarding opens a ticket for the CSM.
        var enrollment = await TrainingClient.EnrollmentAsync(customer, Contracts.Training.CourseLevels.Initial);
        var enrollmentId = enrollment.GetProperty("enrollmentId").GetGuid();
        var course = await customer.GetAsync($"/api/training/courses/{enrollment.GetProperty("courseId").GetGuid()}");
        var key = await TrainingClient.AnswerKeyAsync(admin, enrollment.GetProperty("courseId").GetGuid());
        var wrong = course.GetProperty("quiz").GetProperty("questions").EnumerateArray().Select(q => new
        {
            questionId = q.GetProperty("questionId").GetGuid(),
            choiceIds = new[] { q.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("choiceId").GetGuid())
                .First(c => !System.Text.Json.JsonSerializer.Serialize(key).Contains(c.ToString(), StringComparison.Ordinal)) },
        }).ToArray();
        for (var i = 0; i < 3; i++)
            await customer.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Post, $"/api/training/enrollments/{enrollmentId}/quiz-attempts", new { answers = wrong });

        await using (var csm = await browser.NewContextAsync(Gateway))
        {
            var staff = await csm.NewPageAsync();
            await SignInAsync(staff, "/support/tickets", StaffAccounts.Csms.Single(c => c.Email == managerEmail));
            var ticket = staff.GetByRole(AriaRole.Link, new() { Name = "Rory Retry used every quiz attempt of the initial course" });
            await Assertions.Expect(ticket).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await ticket.ClickAsync();
            await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Quiz attempts" })).ToBeVisibleAsync();
            await staff.GetByRole(AriaRole.Button, new() { Name = "Grant extra attempts" }).ClickAsync();
            await Assertions.Expect(staff.Locator("#grant-reason-error")).ToBeVisibleAsync();
            await staff.GetByLabel("Reason (the customer sees it)").FillAsync("Two more tries after our call about the journey.");
            await staff.GetByRole(AriaRole.Button, new() { Name = "Grant extra attempts" }).ClickAsync();
            await Assertions.Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("Granted 2 more attempt(s)");
            await Browser.AssertAccessibleAsync(staff, "a ticket about used quiz attempts");
        }

        var after = await TrainingClient.EnrollmentAsync(customer, Contracts.Training.CourseLevels.Initial);
        Assert.Equal(5, after.GetProperty("quiz").GetProperty("attemptsAllowed").GetInt32());
        Assert.Equal("in-progress", after.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Should_let_an_admin_author_and_publish_a_course_version()
    {
        await SignInAsync(_page, "/staff/courses", StaffAccounts.Admin);
        var title = $"Reporting {Guid.NewGuid():N}"[..20];
        // Advanced: the version published last is what new enrollments of its level get, and the other tests
        // take the advanced course only through its enrollment, whatever its content.
        await _page.GetByLabel("Level").SelectOptionAsync("advanced");
        await _page.GetByLabel("Title").FillAsync(title);
        await _page.GetByLabel("Description").FillAsync("Reports and dashboards.");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Create a draft" }).ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Assertions.Expect(_page.GetByTestId("course-version")).ToContainTextAsync("version 1, draft");

        // A module whose Markdown carries a script link: the preview shows the text, never the link.
        await _page.GetByLabel("Module title").FillAsync("Your first report");
        await _page.GetByLabel("Module content (Markdown)").FillAsync("# Reports\n\nOpen **Reports**, then [this](javascript:alert(1)).");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Add module" }).ClickAsync();
        var module = _page.Locator("[data-module-id]");
        await Assertions.Expect(module).ToHaveCountAsync(1);
        await module.Locator("summary").ClickAsync();
        await Assertions.Expect(module.Locator(".markdown strong")).ToHaveTextAsync("Reports");
        await Assertions.Expect(module.Locator(".markdown a")).ToHaveCountAsync(0);

        // A single-choice question with two right answers is refused, with the server's reason; then one right answer.
        await _page.GetByLabel("Question", new() { Exact = true }).FillAsync("Where do reports live?");
        await _page.GetByLabel("Choice 1", new() { Exact = true }).FillAsync("Under Reports");
        await _page.GetByLabel("Choice 1 is right").CheckAsync();
        await _page.GetByLabel("Choice 2", new() { Exact = true }).FillAsync("Nowhere");
        await _page.GetByLabel("Choice 2 is right").CheckAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Add question" }).ClickAsync();
        await Assertions.Expect(_page.Locator("fieldset.question .field-error")).ToBeVisibleAsync();
        await _page.GetByLabel("Choice 2 is right").UncheckAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Add question" }).ClickAsync();
        await Assertions.Expect(_page.Locator("[data-question-id]")).ToContainTextAsync("Under Reports (correct)");
        await Browser.AssertAccessibleAsync(_page, "the course editor");

        await _page.GetByRole(AriaRole.Button, new() { Name = "Publish version 1" }).ClickAsync();
        await Assertions.Expect(_page.GetByTestId("course-version")).ToContainTextAsync("version 1, published");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Start version 2" }).ClickAsync();
        await Assertions.Expect(_page.GetByTestId("course-version")).ToContainTextAsync("version 2, draft");
        await Assertions.Expect(_page.Locator("[data-module-id]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Should_keep_the_session_through_refreshes_even_when_requests_race_to_refresh()
    {
        await SignedInCustomerAsync("Sam Session");
        var first = await SessionCookieAsync();
        // A page of the origin with no polling of its own, so that nothing refreshes before the race below.
        await _page.GotoAsync("/favicon.svg");

        // The access token is due for a refresh after 15 s (PlatformFixture); then eight requests at once
        // hold the same refresh token, which Identity redeems only once.
        for (var round = 0; round < 2; round++)
        {
            await Task.Delay(TimeSpan.FromSeconds(17));
            var statuses = await _page.EvaluateAsync<int[]>(
                "() => Promise.all([...Array(8)].map(() => fetch('/api/identity/me').then(r => r.status)))");
            Assert.All(statuses, status => Assert.Equal(200, status));
        }

        Assert.NotEqual(first, await SessionCookieAsync());
        await _page.GotoAsync("/onboarding");
        await _page.WaitForAppAsync();
        await Assertions.Expect(_page.Locator("header .who")).ToHaveTextAsync("Sam Session");
        await Assertions.Expect(_page.Locator("[data-step='5']")).ToHaveAttributeAsync("data-status", "active");
        Assert.Equal(200, (await _page.APIRequest.GetAsync("/api/onboarding/journey")).Status);
    }

    private async Task<string> SessionCookieAsync() =>
        string.Concat((await _context.CookiesAsync()).Where(c => c.Name.StartsWith("cp-session", StringComparison.Ordinal)).OrderBy(c => c.Name).Select(c => c.Value));

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    /// <summary>A new customer through the API up to step 9 (enrolled in the initial course), with their CSM's address.</summary>
    private async Task<(Guid CustomerId, ApiSession Customer, ApiSession Admin, string Email, string ManagerEmail)> EnrolledCustomerAsync(string name)
    {
        var email = $"app-{Guid.NewGuid():N}@example.com";
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
        var (customerId, customer) = await Accounts.NewCustomerAsync(platform.Gateway, mail, email, name, Wait);
        var admin = await Accounts.SignInAsync(platform.Gateway, StaffAccounts.Admin);
        var journey = new JourneyClient(customer);
        await journey.WaitForStepAsync("details-submitted", Wait, "active");
        await journey.SubmitDetailsAsync();
        Assert.Equal(System.Net.HttpStatusCode.Accepted, await Approvals.DecideAsync(admin, Approvals.Id(await Approvals.WaitForPendingAsync(admin, customerId, 6, Wait)), "approve"));
        var enrolled = await journey.WaitForCompletedAsync("initial-training-enrolled", Wait);
        return (customerId, customer, admin, email, enrolled.GetProperty("successManager").GetProperty("email").GetString()!);
    }

    /// <summary>
    /// Step 10 in the app: from the journey to the course, every module (Markdown rendered) marked done,
    /// a quiz attempt answered wrong (the attempts left shown), then right (the key read by an admin, as
    /// the page never has it).
    /// </summary>
    private async Task TakeTheInitialCourseAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Take the initial course" }).ClickAsync();
        await page.Locator("[data-level='initial'] a").ClickAsync();
        await Assertions.Expect(page.GetByTestId("course-progress")).ToContainTextAsync("0 of");
        await Assertions.Expect(page.Locator(".markdown h3").First).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page, "a course module");
        var modules = await page.Locator("[data-module]").CountAsync();
        for (var i = 0; i < modules; i++)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Mark as done" }).ClickAsync();
            await Assertions.Expect(page.Locator($"[data-module='{i}']")).ToHaveAttributeAsync("data-completed", "true");
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Quiz" })).ToBeVisibleAsync();
        var admin = await Accounts.SignInAsync(platform.Gateway, StaffAccounts.Admin);
        var courseId = (await admin.GetAsync("/api/training/courses")).EnumerateArray()
            .Single(c => c.GetProperty("level").GetString() == "initial").GetProperty("courseId").GetGuid();
        var questions = (await admin.GetAsync($"/api/training/admin/courses/{courseId}")).GetProperty("quiz").GetProperty("questions").EnumerateArray()
            .Select(q => (
                Right: q.GetProperty("correctChoiceIds").EnumerateArray().Select(c => c.GetGuid()).ToList(),
                Wrong: q.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("choiceId").GetGuid())
                    .First(c => !q.GetProperty("correctChoiceIds").EnumerateArray().Any(r => r.GetGuid() == c))))
            .ToList();

        foreach (var question in questions)
            await page.Locator($"#c-{question.Wrong:N}").CheckAsync();
        await Browser.AssertAccessibleAsync(page, "the quiz");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit my answers" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("quiz-result")).ToContainTextAsync("not passed. 2 attempts left");

        foreach (var question in questions)
        {
            foreach (var choice in question.Right)
                await page.Locator($"#c-{choice:N}").CheckAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit my answers" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("quiz-result")).ToContainTextAsync("You scored 100 %: passed.");
        await Assertions.Expect(page.GetByTestId("course-progress")).ToContainTextAsync("course completed");
        await page.GetByRole(AriaRole.Link, new() { Name = "Journey" }).ClickAsync();
    }

    /// <summary>A new verified customer, signed in on <see cref="_page"/> and shown their journey; their email.</summary>
    private async Task<string> SignedInCustomerAsync(string name)
    {
        var email = $"app-{Guid.NewGuid():N}@example.com";
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
        await Accounts.NewCustomerAsync(platform.Gateway, mail, email, name, Wait);
        await SignInAsync(_page, "/onboarding", (email, Accounts.DefaultPassword));
        return email;
    }

    private static async Task SignInAsync(IPage page, string returnPath, (string Email, string Password) account)
    {
        await page.GotoAsync("/sign-in?returnUrl=" + Uri.EscapeDataString(returnPath));
        await page.GetByLabel("Email").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(Regex.Escape(returnPath) + "$"));
        await page.WaitForAppAsync();
    }

    [Fact]
    public async Task Should_let_a_customer_ask_for_a_return_that_an_agent_approves_in_the_workspace()
    {
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
        var tag = Guid.NewGuid().ToString("N")[..10];
        var email = $"returns-{tag}@example.com";
        await Accounts.NewCustomerAsync(platform.Gateway, mail, email, $"Reta Returns {tag}", TimeSpan.FromSeconds(90));
        var store = await Accounts.StoreSignInAsync(platform.Gateway, StaffAccounts.Store);
        var orderId = "APP-RET-" + tag;
        await store.ExpectAsync(System.Net.HttpStatusCode.Created, HttpMethod.Put, $"/api/customers/orders/{orderId}", new
        {
            customerEmail = email, customerName = "Reta Returns", placedAt = DateTimeOffset.UtcNow.AddDays(-3), currency = "EUR",
            lines = new[] { new { sku = "CHAIR-" + tag, name = "Oak chair", category = "home", quantity = 4, unitPrice = 150m } },
            shippingCost = 0m, total = 600m, estimatedDelivery = DateTimeOffset.UtcNow,
        });
        await store.ExpectAsync(System.Net.HttpStatusCode.Accepted, HttpMethod.Post, $"/api/customers/orders/{orderId}/events",
            new { eventId = "delivered", type = "delivered", at = DateTimeOffset.UtcNow.AddDays(-1) });

        // Her order shows as delivered once the CRM has the event; the returns page offers it.
        await SignInAsync(_page, "/orders", (email, Accounts.DefaultPassword));
        await Assertions.Expect(_page.Locator($"[data-order='{orderId}']")).ToContainTextAsync("Delivered");
        await _page.GetByRole(AriaRole.Link, new() { Name = "Returns", Exact = true }).ClickAsync();
        await _page.GetByLabel("Order", new() { Exact = true }).SelectOptionAsync(orderId);
        await _page.GetByLabel("Oak chair (4 bought)").FillAsync("5");
        await _page.GetByLabel("Why are you returning them?").FillAsync("Two of them wobble.");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Ask for the return" }).ClickAsync();
        await Assertions.Expect(_page.Locator($"#return-quantity-CHAIR-{tag}-error")).ToContainTextAsync("At most 4");
        await Browser.AssertAccessibleAsync(_page, "the return form with a mistake");
        await _page.GetByLabel("Oak chair (4 bought)").FillAsync("2");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Ask for the return" }).ClickAsync();
        await Assertions.Expect(_page.GetByTestId("return-created")).ToContainTextAsync("an agent looks at it");
        var card = _page.Locator("[data-status='requested']");
        await Assertions.Expect(card).ToContainTextAsync("2 × Oak chair");
        var number = await card.GetAttributeAsync("data-return");

        // An agent approves it in the workspace, in their own browser.
        await using (var agent = await browser.NewContextAsync(Gateway))
        {
            var staff = await agent.NewPageAsync();
            await SignInAsync(staff, "/staff/returns", StaffAccounts.Agent);
            var waiting = staff.Locator($"[data-return='{number}']");
            await Assertions.Expect(waiting).ToContainTextAsync("Two of them wobble.");
            await Browser.AssertAccessibleAsync(staff, "the returns to review");
            await waiting.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
            await Assertions.Expect(waiting).ToHaveCountAsync(0);
        }

        await _page.ReloadAsync();
        await _page.WaitForAppAsync();
        await Assertions.Expect(_page.Locator($"[data-return='{number}']")).ToContainTextAsync("Approved: send the parcel");
        await Browser.AssertAccessibleAsync(_page, "the customer's returns");
    }

    [Fact]
    public async Task Should_let_an_agent_answer_with_a_macro_and_merge_a_customers_two_tickets()
    {
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
        var tag = Guid.NewGuid().ToString("N")[..10];
        var (_, customer) = await Accounts.NewCustomerAsync(platform.Gateway, mail, $"twice-{tag}@example.com", $"Tess Twice {tag}", TimeSpan.FromSeconds(90));
        var first = (await customer.ExpectAsync(System.Net.HttpStatusCode.Created, HttpMethod.Post, "/api/support/tickets",
            new { subject = $"Invoice {tag}", body = "My invoice shows the wrong VAT number." })).GetProperty("ticketId").GetString();
        var second = (await customer.ExpectAsync(System.Net.HttpStatusCode.Created, HttpMethod.Post, "/api/support/tickets",
            new { subject = $"Invoice again {tag}", body = "Writing again about the VAT number." })).GetProperty("ticketId").GetString();
        var api = await Accounts.SignInAsync(platform.Gateway, StaffAccounts.Agent);
        var secondNumber = (await api.GetAsync($"/api/support/tickets/{second}")).GetProperty("number").GetInt64();
        var macro = $"Invoice fix {tag}";
        await api.ExpectAsync(System.Net.HttpStatusCode.Created, HttpMethod.Post, "/api/support/macros",
            new { name = macro, body = "Hi {{customer.first_name}}, I corrected the invoice. {{agent.first_name}}", status = "pending", addTags = new[] { "billing" } });

        await using var agent = await browser.NewContextAsync(Gateway);
        var staff = await agent.NewPageAsync();
        await SignInAsync(staff, $"/support/tickets/{second}", StaffAccounts.Agent);
        await staff.GetByLabel("Macro", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = macro });
        await staff.GetByRole(AriaRole.Button, new() { Name = "Use macro" }).ClickAsync();
        await Assertions.Expect(staff.GetByLabel("Your reply")).ToHaveValueAsync("Hi Tess, I corrected the invoice. Alex");
        await Assertions.Expect(staff.GetByTestId("macro-actions")).ToContainTextAsync("status pending, +billing");
        await Browser.AssertAccessibleAsync(staff, "a ticket with a macro chosen");
        await staff.GetByLabel("Your reply").FillAsync("Hi Tess, I corrected the invoice; the new one is attached to your account. Alex");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Assertions.Expect(staff.Locator("[data-role='staff']").Last).ToContainTextAsync("attached to your account");
        await Assertions.Expect(staff.GetByTestId("ticket-status")).ToHaveTextAsync("pending");

        // The first ticket asked the same: the agent merges it into this one.
        await staff.GotoAsync($"/support/tickets/{first}");
        await staff.WaitForAppAsync();
        await staff.GetByLabel("Merge into ticket number (the same customer's)").FillAsync(secondNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await staff.GetByRole(AriaRole.Button, new() { Name = "Merge", Exact = true }).ClickAsync();
        await Assertions.Expect(staff.GetByTestId("merged-into")).ToBeVisibleAsync();
        await staff.GetByTestId("merged-into").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.List, new() { Name = "Messages" })).ToContainTextAsync("My invoice shows the wrong VAT number.");
        await Browser.AssertAccessibleAsync(staff, "the ticket another was merged into");
    }

    [Fact]
    public async Task Should_route_a_new_ticket_to_an_agent_who_says_they_are_available_within_the_capacity_an_admin_set()
    {
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
        var tag = Guid.NewGuid().ToString("N")[..10];
        var (_, customer) = await Accounts.NewCustomerAsync(platform.Gateway, mail, $"routed-{tag}@example.com", $"Rhea Routed {tag}", TimeSpan.FromSeconds(90));

        // An admin gives the agent room for plenty (earlier tests leave tickets waiting in the support queue, which they take first).
        await using (var admin = await browser.NewContextAsync(Gateway))
        {
            var page = await admin.NewPageAsync();
            await SignInAsync(page, "/staff/routing", StaffAccounts.Admin);
            var card = page.Locator("[data-agent]", new() { HasText = "Alex Agent" });
            await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Queues" })).ToContainTextAsync("Support");
            await Browser.AssertAccessibleAsync(page, "the routing settings");
            await card.GetByLabel("Capacity (unsolved tickets at most)").FillAsync("-3");
            await card.GetByRole(AriaRole.Button, new() { Name = "Save Alex Agent's routing" }).ClickAsync();
            await Assertions.Expect(card).ToContainTextAsync("'capacity' is how many unsolved tickets");
            await card.GetByLabel("Capacity (unsolved tickets at most)").FillAsync("200");
            await card.GetByRole(AriaRole.Button, new() { Name = "Save Alex Agent's routing" }).ClickAsync();
            await Assertions.Expect(card).ToContainTextAsync("of 200 unsolved");
        }

        var agentApi = await Accounts.SignInAsync(platform.Gateway, StaffAccounts.Agent);
        await using var agent = await browser.NewContextAsync(Gateway);
        var staff = await agent.NewPageAsync();
        await SignInAsync(staff, "/support/tickets", StaffAccounts.Agent);
        await Assertions.Expect(staff.GetByTestId("availability")).ToContainTextAsync("You are away");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Start taking new tickets" }).ClickAsync();
        try
        {
            await Assertions.Expect(staff.GetByTestId("availability")).ToContainTextAsync("You are available");
            var ticketId = (await customer.ExpectAsync(System.Net.HttpStatusCode.Created, HttpMethod.Post, "/api/support/tickets",
                new { subject = $"Routed {tag}", body = "Who will answer this?" })).GetProperty("ticketId").GetString();
            var assignee = (await agentApi.GetAsync($"/api/support/tickets/{ticketId}")).GetProperty("assigneeId").GetString();
            Assert.Equal((await agentApi.GetAsync("/api/support/routing")).GetProperty("agents").EnumerateArray()
                .Single(a => a.GetProperty("displayName").GetString() == "Alex Agent").GetProperty("id").GetString(), assignee);

            await staff.GetByLabel("Whose").SelectOptionAsync("me");
            await Assertions.Expect(staff.Locator($"[data-ticket='{ticketId}']")).ToContainTextAsync("yours");
            await Browser.AssertAccessibleAsync(staff, "the agent's tickets while available");
        }
        finally
        {
            // Other tests expect their tickets to wait in the queue for someone to take them.
            await agentApi.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Put, "/api/support/staff/me/availability", new { available = false });
        }
    }

    [Fact]
    public async Task Should_show_the_agent_the_customers_context_and_put_knowledge_base_articles_into_the_reply()
    {
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
        var tag = Guid.NewGuid().ToString("N")[..10];
        var email = $"context-{tag}@example.com";
        var (_, customer) = await Accounts.NewCustomerAsync(platform.Gateway, mail, email, $"Cora Context {tag}", TimeSpan.FromSeconds(90));
        var store = await Accounts.StoreSignInAsync(platform.Gateway, StaffAccounts.Store);
        var orderId = "APP-CTX-" + tag;
        await store.ExpectAsync(System.Net.HttpStatusCode.Created, HttpMethod.Put, $"/api/customers/orders/{orderId}", new
        {
            customerEmail = email, customerName = "Cora Context", placedAt = DateTimeOffset.UtcNow.AddDays(-2), currency = "EUR",
            lines = new[] { new { sku = "LAMP-" + tag, name = "Desk lamp", category = "home", quantity = 1, unitPrice = 39.50m } },
            shippingCost = 4.50m, total = 44m, estimatedDelivery = DateTimeOffset.UtcNow.AddDays(2),
        });
        var earlier = (await customer.ExpectAsync(System.Net.HttpStatusCode.Created, HttpMethod.Post, "/api/support/tickets",
            new { subject = $"Lamp question {tag}", body = "Which bulb does the desk lamp take?" })).GetProperty("ticketId").GetString();
        var ticket = (await customer.ExpectAsync(System.Net.HttpStatusCode.Created, HttpMethod.Post, "/api/support/tickets",
            new { subject = $"Lamp flickers {tag}", body = "The new desk lamp flickers all the time.", orderId })).GetProperty("ticketId").GetString();
        var api = await Accounts.SignInAsync(platform.Gateway, StaffAccounts.Agent);
        var article = (await api.ExpectAsync(System.Net.HttpStatusCode.Created, HttpMethod.Post, "/api/support/kb/articles", new
        {
            slug = $"flicker-{tag}", title = $"Flickering lamps flick{tag}", body = "Swap the driver board and send a new one free of charge.", visibility = "internal",
        })).GetProperty("articleId").GetString();
        await api.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Post, $"/api/support/kb/articles/{article}/publish");
        // The order reaches the support desk's copy through the CRM's events.
        for (var deadline = DateTime.UtcNow.AddSeconds(60); !(await api.GetAsync($"/api/support/tickets/{ticket}/context")).GetProperty("recentOrders").ToString().Contains(orderId); await Task.Delay(250))
            Assert.True(DateTime.UtcNow < deadline, $"Order {orderId} never reached the support desk.");

        // Beside the ticket, the agent sees who asks: the order, no tier yet, the earlier ticket, how they sound.
        await using var agent = await browser.NewContextAsync(Gateway);
        var staff = await agent.NewPageAsync();
        await SignInAsync(staff, $"/support/tickets/{ticket}", StaffAccounts.Agent);
        var panel = staff.GetByRole(AriaRole.Region, new() { Name = "The customer" });
        await Assertions.Expect(panel.Locator("[data-field='name']")).ToHaveTextAsync($"Cora Context {tag}");
        await Assertions.Expect(panel.Locator($"[data-order='{orderId}']")).ToContainTextAsync("placed · 44.00 EUR");
        await Assertions.Expect(panel.Locator("[data-field='tier']")).ToHaveTextAsync("—");
        await Assertions.Expect(panel.Locator("[data-field='sentiment']")).ToContainTextAsync("over the last 2 messages");
        await Assertions.Expect(panel.Locator("[data-field='csat']")).ToHaveTextAsync("no ratings yet");
        await Assertions.Expect(panel.Locator($"[data-ticket='{earlier}'] a")).ToHaveAttributeAsync("href", $"/support/tickets/{earlier}");
        await Browser.AssertAccessibleAsync(staff, "a ticket with the customer's context");

        // The knowledge base, searched while typing: a public article goes in as its link, an internal one as its text.
        var reply = staff.GetByLabel("Your reply");
        await staff.GetByLabel("Find an article for the reply").PressSequentiallyAsync("reset password");
        var found = staff.Locator("[data-slug='reset-your-password']");
        await found.GetByRole(AriaRole.Button, new() { Name = "Insert" }).ClickAsync();
        var link = new Uri(Gateway, "/help/reset-your-password").ToString();
        await Assertions.Expect(reply).ToHaveValueAsync($"Reset your password: {link}");
        await staff.GetByLabel("Find an article for the reply").FillAsync($"flickering flick{tag}");
        var staffOnly = staff.Locator($"[data-slug='flicker-{tag}']");
        await Assertions.Expect(staffOnly).ToContainTextAsync("internal");
        await Browser.AssertAccessibleAsync(staff, "the knowledge base search beside the reply");
        // By keyboard: from the search field to the article's button.
        await staffOnly.GetByRole(AriaRole.Button, new() { Name = "Insert" }).FocusAsync();
        await staff.Keyboard.PressAsync("Enter");
        await Assertions.Expect(reply).ToHaveValueAsync($"Reset your password: {link}\n\nFlickering lamps flick{tag}: Swap the driver board and send a new one free of charge.");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Assertions.Expect(staff.Locator("[data-role='staff']").Last).ToContainTextAsync("/help/reset-your-password");
    }

    [Fact]
    public async Task Should_show_a_customer_their_orders_and_staff_the_customers_timeline_where_they_add_a_note()
    {
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
        var tag = Guid.NewGuid().ToString("N")[..10];
        var email = $"orders-{tag}@example.com";
        var (customerId, _) = await Accounts.NewCustomerAsync(platform.Gateway, mail, email, $"Olive Orders {tag}", TimeSpan.FromSeconds(90));
        var store = await Accounts.StoreSignInAsync(platform.Gateway, StaffAccounts.Store);
        var orderId = "APP-" + tag;
        // Someone else bought a bulb with that lamp: it is what she is offered.
        await store.ExpectAsync(System.Net.HttpStatusCode.Created, HttpMethod.Put, $"/api/customers/orders/APP-OTHER-{tag}", new
        {
            customerEmail = $"other-{tag}@example.com", customerName = "Otto Other", placedAt = DateTimeOffset.UtcNow, currency = "EUR",
            lines = new[]
            {
                new { sku = "LAMP-" + tag, name = "Desk lamp", category = "home", quantity = 1, unitPrice = 39.50m },
                new { sku = "BULB-" + tag, name = "Warm bulb", category = "home", quantity = 2, unitPrice = 3m },
            },
            shippingCost = 0m, total = 45.50m, estimatedDelivery = DateTimeOffset.UtcNow.AddDays(4),
        });
        await store.ExpectAsync(System.Net.HttpStatusCode.Created, HttpMethod.Put, $"/api/customers/orders/{orderId}", new
        {
            customerEmail = email, customerName = "Olive Orders", placedAt = DateTimeOffset.UtcNow, currency = "EUR",
            lines = new[] { new { sku = "LAMP-" + tag, name = "Desk lamp", category = "home", quantity = 1, unitPrice = 39.50m } },
            shippingCost = 4.50m, total = 44m, estimatedDelivery = DateTimeOffset.UtcNow.AddDays(4),
        });
        await store.ExpectAsync(System.Net.HttpStatusCode.Accepted, HttpMethod.Post, $"/api/customers/orders/{orderId}/events",
            new { eventId = "ship", type = "shipped", at = DateTimeOffset.UtcNow, carrier = "DHL", trackingNumber = "LAMP-TRACK-" + tag });

        await SignInAsync(_page, "/orders", (email, Accounts.DefaultPassword));
        var order = _page.Locator($"[data-order='{orderId}']");
        await Assertions.Expect(order).ToContainTextAsync("On its way");
        await Assertions.Expect(order.GetByTestId("tracking")).ToContainTextAsync("LAMP-TRACK-" + tag);
        // Offers from everyone's orders, never the lamp she has.
        await Assertions.Expect(_page.GetByTestId("suggestions").Locator("li").First).ToContainTextAsync("Warm bulb");
        await Assertions.Expect(_page.Locator($"[data-testid='suggestions'] [data-sku='LAMP-{tag}']")).ToHaveCountAsync(0);
        await Browser.AssertAccessibleAsync(_page, "the orders page");

        // A CSM, in their own browser, finds her by a misspelt name and logs a call on her timeline.
        await using var staffContext = await browser.NewContextAsync(Gateway);
        var staff = await staffContext.NewPageAsync();
        var requested = new System.Collections.Concurrent.ConcurrentQueue<string>();
        staff.Request += (_, request) => requested.Enqueue(request.Url);
        await SignInAsync(staff, "/staff/crm", StaffAccounts.CsmOne);
        await staff.GetByLabel("Name, address, company, phone or order number").FillAsync($"Olive Ordres {tag}");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await staff.Locator($"[data-customer='{customerId}'] a").ClickAsync();
        await staff.WaitForURLAsync(new Regex($"/staff/crm/{customerId}$"));
        await staff.WaitForAppAsync();
        await Assertions.Expect(staff.Locator($"[data-order='{orderId}']")).ToContainTextAsync("shipped");
        await Assertions.Expect(staff.Locator(".timeline")).ToContainTextAsync($"Order {orderId} shipped with DHL");
        await staff.GetByLabel("What").SelectOptionAsync("call");
        await staff.GetByLabel("Text").FillAsync("Asked about the lamp's bulb.");
        await staff.GetByLabel("Minutes").FillAsync("7");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(staff.Locator(".timeline li").First).ToContainTextAsync("Call (7 min) logged by Casey Success: Asked about the lamp's bulb.");
        await Browser.AssertAccessibleAsync(staff, "a customer's 360 view");

        // She works at a lighting shop: the CSM keeps that, her number and two tags, and finds her by the shop's name.
        await staff.GetByRole(AriaRole.Button, new() { Name = "Edit details" }).ClickAsync();
        await staff.GetByLabel("Company").FillAsync($"Lumen Lighting {tag}");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Add a phone" }).ClickAsync();
        await staff.Locator("#phone-0-number").FillAsync("not a number");
        await staff.GetByLabel("Tags").FillAsync("VIP, lamp lover");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        await Assertions.Expect(staff.Locator("#phone-0-number-error")).ToContainTextAsync("4 to 15 digits");
        await Browser.AssertAccessibleAsync(staff, "the details form with a mistake");
        await staff.Locator("#phone-0-label").FillAsync("shop");
        await staff.Locator("#phone-0-number").FillAsync("+44 20 7946 0018");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        var details = staff.GetByTestId("details");
        await Assertions.Expect(details.Locator("dd[data-field='company']")).ToHaveTextAsync($"Lumen Lighting {tag}");
        await Assertions.Expect(details.Locator(".tags li")).ToHaveTextAsync(["vip", "lamp lover"]);
        await Assertions.Expect(details.Locator(".changes li[data-field='company']")).ToContainTextAsync($"Casey Success changed the company: nothing → Lumen Lighting {tag}");
        await Assertions.Expect(staff.Locator(".timeline li").First).ToContainTextAsync("Casey Success changed the company, the phone numbers, the tags");
        await staff.GotoAsync("/staff/crm");
        await staff.WaitForAppAsync();
        await staff.GetByLabel("Name, address, company, phone or order number").FillAsync($"Lumen Lightning {tag}");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(staff.Locator($"[data-customer='{customerId}']")).ToContainTextAsync($"Lumen Lighting {tag}");

        // Her orders count in this month's commerce figures, and her journey in the funnel. The chart component
        // is downloaded for this page only.
        Assert.DoesNotContain(requested, url => url.Contains("Radzen", StringComparison.OrdinalIgnoreCase));
        await staff.GetByRole(AriaRole.Link, new() { Name = "Analytics" }).ClickAsync();
        await staff.WaitForURLAsync(new Regex("/staff/analytics$"));
        await Assertions.Expect(staff.GetByTestId("funnel").Locator("tbody tr")).ToHaveCountAsync(19);
        var funnelChart = staff.GetByTestId("funnel").Locator("figure").First;
        await Assertions.Expect(funnelChart.Locator("svg").First).ToBeVisibleAsync();
        Assert.True(await funnelChart.Locator("svg path").CountAsync() >= 1, "the funnel chart drew no columns");
        Assert.Contains(requested, url => url.Contains("Radzen.Blazor", StringComparison.OrdinalIgnoreCase));
        await Assertions.Expect(staff.GetByTestId("funnel").Locator("[data-step='1'] td").First).Not.ToHaveTextAsync("0");
        await Assertions.Expect(staff.GetByTestId("commerce").Locator("[data-currency='EUR']")).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(staff, "the analytics");
    }

    [Fact]
    public async Task Should_find_an_answer_in_the_help_centre_signed_out_and_be_offered_it_while_asking_for_help()
    {
        // Signed out: the help centre (Development's seeded articles), searched while typing.
        await _page.GotoAsync("/help");
        await _page.WaitForAppAsync();
        await _page.GetByLabel("Search the articles").FillAsync("forgot password");
        var result = _page.GetByRole(AriaRole.List, new() { Name = "Articles" }).GetByRole(AriaRole.Link, new() { Name = "Reset your password" });
        await Assertions.Expect(result).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(_page, "the help centre's search");
        await result.ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Reset your password");
        await Assertions.Expect(_page.GetByTestId("article-body")).ToContainTextAsync("Forgot your password?");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Yes", Exact = true }).ClickAsync();
        await Assertions.Expect(_page.GetByTestId("helpful-thanks")).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(_page, "a help article");

        // Signed in, asking for help: the subject brings the article up while it is typed; it answers, no ticket.
        await SignedInCustomerAsync("Hana Help");
        await _page.GotoAsync("/support/new");
        await _page.WaitForAppAsync();
        await _page.GetByLabel("Subject").PressSequentiallyAsync("reset my password");
        var suggestion = _page.Locator("[data-slug='reset-your-password']");
        await Assertions.Expect(suggestion).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(_page, "the contact form with its suggestions");
        await suggestion.GetByRole(AriaRole.Button, new() { Name = "This answered my question" }).ClickAsync();
        await Assertions.Expect(_page.GetByTestId("deflected")).ToContainTextAsync("Reset your password");

        // Another request goes to the support desk as a new ticket.
        await _page.GetByLabel("Subject").FillAsync("Invoice address");
        await _page.GetByLabel("What happened, or what you would like").FillAsync("Please change the address on my invoice.");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await _page.WaitForURLAsync(new Regex("/support/tickets/[0-9a-f-]{36}$"));
        await Assertions.Expect(_page.GetByTestId("ticket-status")).ToHaveTextAsync("new");
        await Assertions.Expect(_page.GetByTestId("ticket-number")).ToHaveTextAsync(new Regex("^#[0-9]+$"));
        await Assertions.Expect(_page.GetByRole(AriaRole.List, new() { Name = "Messages" })).ToContainTextAsync("address on my invoice");
    }

    [Fact]
    public async Task Should_open_a_real_page_for_every_link_the_emails_carry_and_404_elsewhere()
    {
        foreach (var path in new[] { "/", "/sign-up", "/verify-email?token=x", "/forgot-password", "/reset-password?token=x", "/confirm-email-change?token=x",
                     "/account", "/onboarding", "/onboarding/details", "/onboarding/survey", "/onboarding/profile", "/onboarding/tools",
                     "/onboarding/tour", "/onboarding/questions", "/training", $"/training/{Guid.NewGuid()}", "/notifications", "/settings/notifications", "/staff/approvals", "/staff/customers", "/staff/courses",
                     "/orders", "/loyalty", "/staff/loyalty", $"/staff/loyalty/{Guid.NewGuid()}", "/staff/crm", $"/staff/crm/{Guid.NewGuid()}", "/staff/analytics", "/support/tickets", $"/support/tickets/{Guid.NewGuid()}", "/support/new", "/support/chat", "/staff/chats", "/help", "/help/reset-your-password", "/signed-out" })
        {
            var response = await _page.GotoAsync(path);
            await _page.WaitForAppAsync();
            Assert.True(response!.Status == 200, $"{path} answered {response.Status}");
            var heading = _page.GetByRole(AriaRole.Heading, new() { Level = 1 });
            await Assertions.Expect(heading).ToBeVisibleAsync();
            await Assertions.Expect(heading).Not.ToHaveTextAsync("Nothing here");
            await Browser.AssertAccessibleAsync(_page, path);
        }

        Assert.Equal(404, (await _context.APIRequest.GetAsync("/no-such-page")).Status);
        Assert.Equal(404, (await _context.APIRequest.GetAsync("/api/no-such-service/x")).Status);
    }

    [Fact]
    public async Task Should_send_the_journey_in_the_gateways_html_and_take_it_over_in_the_browser_without_asking_again()
    {
        await SignedInCustomerAsync("Pia Prerender");
        await Assertions.Expect(_page.Locator("[data-step='19']")).ToBeVisibleAsync();

        // The page as the gateway sends it, before any script runs: the map is already there, and no cache keeps it.
        var html = await _context.APIRequest.GetAsync("/onboarding");
        Assert.Equal(200, html.Status);
        Assert.Contains("data-step=\"19\"", await html.TextAsync(), StringComparison.Ordinal);
        Assert.Equal("no-store", html.Headers["cache-control"]);

        // Opened afresh, the page becomes interactive on what it was sent: it asks the API again only when
        // it next polls (every 3 s), never to draw itself.
        var asked = new List<string>();
        var page = await _context.NewPageAsync();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/", StringComparison.Ordinal))
                lock (asked)
                    asked.Add(request.Method + " " + request.Url);
        };
        await page.GotoAsync("/onboarding");
        await page.WaitForAppAsync();
        await Assertions.Expect(page.Locator("[data-step='19']")).ToBeVisibleAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        lock (asked)
            Assert.True(asked.Count == 0, "The page asked again for what it was sent: " + string.Join(", ", asked));
        await Browser.AssertAccessibleAsync(page, "the journey taken over in the browser");
    }

    [Fact]
    public async Task Should_reset_a_forgotten_password_from_the_emailed_link_and_sign_in_with_the_new_one()
    {
        var email = $"app-{Guid.NewGuid():N}@example.com";
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
        await Accounts.NewCustomerAsync(platform.Gateway, mail, email, "Rex Reset", TimeSpan.FromSeconds(60));

        await _page.GotoAsync("/sign-in?returnUrl=/onboarding");
        await _page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await _page.WaitForAppAsync();
        await _page.GetByLabel("Your email").FillAsync(email);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Status)).ToContainTextAsync("on its way");

        var emails = await mail.WaitForAsync(email, found => found.Any(e => ResetLink().IsMatch(Accounts.Text(e))), TimeSpan.FromSeconds(60));
        var link = emails.Select(e => ResetLink().Match(Accounts.Text(e))).First(m => m.Success);
        await _page.GotoAsync(link.Value);
        await _page.WaitForAppAsync();
        await _page.GetByLabel("New password").FillAsync("short");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(_page.Locator("#newPassword-error")).ToBeVisibleAsync();
        await _page.GetByLabel("New password").FillAsync("a completely new passphrase 44");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is changed");

        await SignInAsync(_page, "/onboarding", (email, "a completely new passphrase 44"));
        await Assertions.Expect(_page.Locator("header .who")).ToHaveTextAsync("Rex Reset");
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [GeneratedRegex(@"https?://\S+/verify-email\?token=[^\s""<>]+")]
    private static partial Regex VerificationLink();

    [GeneratedRegex(@"https?://\S+/reset-password\?token=[^\s""<>]+")]
    private static partial Regex ResetLink();

    [GeneratedRegex(@"csm\.[a-z]+@example\.com")]
    private static partial Regex CsmEmail();

    /// <summary>The persistent component state a prerendered page carries (base64 JSON whose values are base64 JSON), decoded.</summary>
    private static IEnumerable<string> PageState(string html)
    {
        foreach (Match state in ComponentState().Matches(html))
        {
            using var entries = System.Text.Json.JsonDocument.Parse(Convert.FromBase64String(state.Groups[1].Value));
            foreach (var entry in entries.RootElement.EnumerateObject())
                yield return entry.Name + ": " + System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(entry.Value.GetString() ?? ""));
        }
    }

    [GeneratedRegex(@"<!--Blazor-WebAssembly-Component-State:([A-Za-z0-9+/=]+)-->")]
    private static partial Regex ComponentState();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}")]
    private static partial Regex Jwt();
}
