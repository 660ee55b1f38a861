using System.Net;
using System.Text.Json;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;
using CustomerPlatform.Contracts.Training;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>
/// Issue 6's spine on the real platform, through the gateway only, reading the emails from MailDev:
/// one customer through all 19 steps, with a rejection at step 6 and a re-submission, a question the
/// CSM answers on its ticket, the advanced course, and the survey at the end.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class When_a_customer_goes_through_the_whole_journey(PlatformFixture platform)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Should_complete_every_step_with_its_time()
    {
        var gateway = platform.Gateway;
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
        var email = $"journey-{Guid.NewGuid():N}@example.com";
        var (customerId, customer) = await Accounts.NewCustomerAsync(gateway, mail, email, "Jo Journey", Wait);
        var admin = await Accounts.SignInAsync(gateway, StaffAccounts.Admin);
        var journey = new JourneyClient(customer);

        // 1–4 run by themselves; the details form is offered in the app and by email.
        var started = await journey.WaitForStepAsync("details-submitted", Wait, "active");
        foreach (var key in new[] { "signed-up", "verification-sent", "email-verified", "details-form-provided" })
            Assert.Equal("completed", JourneyClient.StepStatus(started, key));
        await mail.WaitForAsync(email, found => found.Any(e => Accounts.Text(e).Contains("/onboarding", StringComparison.Ordinal) && !Accounts.TokenLink().IsMatch(Accounts.Text(e))), Wait);

        // 5–6: submitted, rejected with a reason (emailed), submitted again, approved.
        await journey.SubmitDetailsAsync();
        var approval = await Approvals.WaitForPendingAsync(admin, customerId, 6, Wait);
        Assert.Equal(HttpStatusCode.Forbidden, await Approvals.DecideAsync(customer, Approvals.Id(approval), "approve"));
        Assert.Equal(HttpStatusCode.BadRequest, await Approvals.DecideAsync(admin, Approvals.Id(approval), "reject"));
        Assert.Equal(HttpStatusCode.Accepted, await Approvals.DecideAsync(admin, Approvals.Id(approval), "reject", "The phone number belongs to another company."));
        Assert.Equal(HttpStatusCode.Conflict, await Approvals.DecideAsync(admin, Approvals.Id(approval), "approve"));
        var rejected = await journey.WaitForStepAsync("details-submitted", Wait, "active");
        Assert.Equal("rejected", JourneyClient.StepStatus(rejected, "details-approved"));
        Assert.Contains("another company", JourneyClient.Step(rejected, "details-approved").GetProperty("note").GetString());
        await mail.WaitForAsync(email, found => found.Any(e => Accounts.Text(e).Contains("another company", StringComparison.Ordinal)), Wait);

        await journey.SubmitDetailsAsync();
        var second = await Approvals.WaitForPendingAsync(admin, customerId, 6, Wait);
        Assert.NotEqual(Approvals.Id(approval), Approvals.Id(second));
        Assert.Equal(HttpStatusCode.Accepted, await Approvals.DecideAsync(admin, Approvals.Id(second), "approve"));

        // 7–9: a CSM is assigned and introduces themself by email; Training enrolls the customer.
        var introduced = await journey.WaitForCompletedAsync("initial-training-enrolled", Wait);
        var manager = introduced.GetProperty("successManager");
        var managerEmail = manager.GetProperty("email").GetString()!;
        var managerName = manager.GetProperty("displayName").GetString()!;
        await mail.WaitForAsync(email, found => found.Any(e => Accounts.Text(e).Contains(managerName, StringComparison.Ordinal)), Wait);
        var csm = await Accounts.SignInAsync(gateway, StaffAccounts.Csms.Single(c => c.Email == managerEmail));
        var otherCsm = await Accounts.SignInAsync(gateway, StaffAccounts.Csms.Single(c => c.Email != managerEmail));

        // 10–11: the initial course passed, approved by the customer's own CSM (not by another one).
        var result = await TrainingClient.PassAsync(customer, admin, CourseLevels.Initial);
        Assert.True(result.GetProperty("passed").GetBoolean());
        var training = await Approvals.WaitForPendingAsync(admin, customerId, 11, Wait);
        Assert.Equal(HttpStatusCode.Forbidden, await Approvals.DecideAsync(otherCsm, Approvals.Id(training), "approve"));
        Assert.Equal(HttpStatusCode.Accepted, await Approvals.DecideAsync(csm, Approvals.Id(training), "approve"));

        // 12–15 in any order; the question becomes a ticket for the CSM.
        await journey.WaitForStepAsync("profile-completed", Wait, "active");
        var ticketId = await journey.AskAsync("Calendar sync", "Does the calendar integration sync both ways?");
        await journey.ExploreTheTourAsync();
        await journey.ConnectToolAndFinishAsync();
        await journey.SaveProfileAsync();
        await journey.DoneAsync("queries-asked");

        // 16: the CSM answers the question on its ticket.
        var ticket = await Tickets.WaitForAsync(csm, ticketId, Wait);
        Assert.Equal(customerId, ticket.GetProperty("customerId").GetGuid());
        await csm.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/support/tickets/{ticketId}/messages",
            new { body = "Yes: changes on either side show up within a minute." });
        var thread = await customer.GetAsync($"/api/support/tickets/{ticketId}");
        Assert.Contains(thread.GetProperty("messages").EnumerateArray(), m => m.GetProperty("body").GetString()!.StartsWith("Yes:", StringComparison.Ordinal));

        // 17–19: advanced training accepted, passed, approved.
        await journey.WaitForStepAsync("advanced-training-offered", Wait, "active");
        await journey.AnswerAdvancedTrainingAsync(accept: true);
        await WaitForEnrollmentAsync(customer, CourseLevels.Advanced);
        Assert.True((await TrainingClient.PassAsync(customer, admin, CourseLevels.Advanced)).GetProperty("passed").GetBoolean());
        var advanced = await Approvals.WaitForPendingAsync(csm, customerId, 19, Wait);
        Assert.Equal(HttpStatusCode.Accepted, await Approvals.DecideAsync(csm, Approvals.Id(advanced), "approve"));

        // Done: every step completed with its time; then the survey, asked by email and recorded.
        var done = await journey.WaitForCompletedAsync("advanced-training-approved", Wait);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        var steps = done.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 19), steps.Select(s => s.GetProperty("number").GetInt32()));
        Assert.All(steps, step =>
        {
            Assert.Equal("completed", step.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.String, step.GetProperty("completedAt").ValueKind);
        });

        await mail.WaitForAsync(email, found => found.Any(e => Accounts.Text(e).Contains("/onboarding/survey", StringComparison.Ordinal)), Wait);
        await customer.ExpectAsync(HttpStatusCode.Accepted, HttpMethod.Post, "/api/onboarding/journey/survey", new { score = 5, comment = "Smooth from start to end." });
        var deadline = DateTime.UtcNow + Wait;
        JsonElement surveyed;
        while ((surveyed = await journey.GetAsync()).GetProperty("survey").ValueKind != JsonValueKind.Object)
        {
            Assert.True(DateTime.UtcNow < deadline, "The survey answer never showed on the journey.");
            await Task.Delay(250);
        }
        Assert.Equal(5, surveyed.GetProperty("survey").GetProperty("score").GetInt32());
        await customer.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, "/api/onboarding/journey/survey", new { score = 1, comment = "Twice?" });
    }

    private static async Task WaitForEnrollmentAsync(ApiSession customer, string level)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!(await customer.GetAsync("/api/training/enrollments")).EnumerateArray().Any(e => e.GetProperty("level").GetString() == level))
        {
            Assert.True(DateTime.UtcNow < deadline, $"No {level} enrollment appeared.");
            await Task.Delay(250);
        }
    }
}
