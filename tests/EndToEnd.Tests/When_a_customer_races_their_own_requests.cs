using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;
using CustomerPlatform.Contracts.Training;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>
/// Issue 14: an accepted request always takes effect. Many customers, through the gateway, with two
/// Onboarding replicas, send the pairs of requests that can race: the details twice, a help request
/// while a step completes, a question followed at once by "no more questions", the advanced-training
/// offer answered twice at once, the survey twice at once (and two staff deciding one approval). Every
/// 201/202 must show its effect; the loser of a race that only one can win gets 409 and changes nothing.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class When_a_customer_races_their_own_requests(PlatformFixture platform)
{
    private const int Journeys = 50;
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(3);

    private readonly ConcurrentBag<string> _defects = [];
    private int _raced;

    [Fact]
    public async Task Should_give_every_accepted_request_its_effect_and_refuse_the_rest()
    {
        var gateway = platform.Gateway;
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
        var admin = await Accounts.SignInAsync(gateway, StaffAccounts.Admin);
        var csms = new Dictionary<string, ApiSession>();
        foreach (var csm in StaffAccounts.Csms)
            csms[csm.Email] = await Accounts.SignInAsync(gateway, csm);

        await Parallel.ForEachAsync(Enumerable.Range(0, Journeys), new ParallelOptions { MaxDegreeOfParallelism = 10 }, async (index, _) =>
        {
            try
            {
                await RaceThroughAsync(index, gateway, mail, admin, csms);
                Interlocked.Increment(ref _raced);
            }
            catch (Exception exception)
            {
                _defects.Add($"journey {index}: {exception.Message}");
            }
        });

        Assert.True(_defects.IsEmpty, $"{_defects.Count} defect(s) in {Journeys} journeys:\n{string.Join("\n", _defects.Order())}");
        Assert.Equal(Journeys, _raced);
    }

    private async Task RaceThroughAsync(int index, HttpClient gateway, MailDevInbox mail, ApiSession admin, Dictionary<string, ApiSession> csms)
    {
        var (customerId, customer) = await Accounts.NewCustomerAsync(gateway, mail, $"race-{index}-{Guid.NewGuid():N}@example.com", $"Racer {index}", Wait);
        var journey = new JourneyClient(customer);
        await journey.WaitForStepAsync("details-submitted", Wait, "active");

        // Step 5 twice at once: one form is taken, the other refused; the approval shows the one taken.
        var companies = new[] { $"First {index} Ltd", $"Second {index} Ltd" };
        var details = await Task.WhenAll(companies.Select(company => customer.StatusOfAsync(HttpMethod.Put, "/api/onboarding/journey/details", DetailsOf(company))));
        var taken = OneWinner(index, "details twice", details);
        var approval = await Approvals.WaitForPendingAsync(admin, customerId, 6, Wait);
        Check(index, approval.GetProperty("details").GetProperty("company").GetString() == companies[taken],
            $"the approval shows {approval.GetProperty("details").GetProperty("company")}, but '{companies[taken]}' was accepted");

        // Two staff decide step 6 at once: one decision, the other 409.
        var decisions = await Task.WhenAll(Approvals.DecideAsync(admin, Approvals.Id(approval), "approve"), Approvals.DecideAsync(admin, Approvals.Id(approval), "approve"));
        OneWinner(index, "approval twice", decisions);

        // 7–11: a CSM, the initial course passed and approved by them.
        var introduced = await journey.WaitForCompletedAsync("initial-training-enrolled", Wait);
        var csm = csms[introduced.GetProperty("successManager").GetProperty("email").GetString()!];
        await TrainingClient.PassAsync(customer, admin, CourseLevels.Initial);
        var training = await Approvals.WaitForPendingAsync(csm, customerId, 11, Wait);
        Check(index, await Approvals.DecideAsync(csm, Approvals.Id(training), "approve") == HttpStatusCode.Accepted, "step 11's approval was refused");
        await journey.WaitForStepAsync("tools-integrated", Wait, "active");

        // Help while step 13 completes: both accepted, the ticket exists, the step is complete.
        await customer.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/onboarding/journey/integrations",
            new { kind = "calendar", provider = "Google Calendar", account = customer.Email });
        var help = customer.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/onboarding/journey/help", new { body = $"Racer {index} needs a hand." });
        var toolsDone = journey.DoneAsync("tools-integrated");
        await Task.WhenAll(help, toolsDone);
        await Tickets.WaitForAsync(customer, (await help).GetProperty("ticketId").GetGuid(), Wait);

        // The issue's defect: a question, then at once "no more questions". The question is a ticket for
        // the CSM and step 16 waits for its answer.
        var ticketId = await journey.AskAsync($"Question {index}", "Does the calendar integration sync both ways?");
        await journey.DoneAsync("queries-asked");
        var asked = await journey.WaitForCompletedAsync("queries-asked", Wait);
        Check(index, JourneyClient.StepStatus(asked, "queries-answered") == "active", $"step 16 is {JourneyClient.StepStatus(asked, "queries-answered")}, not waiting for the question's answer");
        await Tickets.WaitForAsync(csm, ticketId, Wait);

        // The answer completes 16; with 12 and 14 done, 17 is offered.
        await journey.ExploreTheTourAsync();
        await journey.SaveProfileAsync();
        await csm.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/support/tickets/{ticketId}/messages", new { body = "Yes, both ways." });
        await journey.WaitForStepAsync("advanced-training-offered", Wait, "active");

        // Step 17 answered twice at once (even journeys: declined twice; odd: accepted and declined).
        bool[] answers = index % 2 == 0 ? [false, false] : [true, false];
        var offer = await Task.WhenAll(answers.Select(accept => customer.StatusOfAsync(HttpMethod.Post, "/api/onboarding/journey/advanced-training", new { accept })));
        var accepted = answers[OneWinner(index, "advanced training twice", offer)];
        var answered = await journey.WaitForCompletedAsync("advanced-training-offered", Wait);
        Check(index, JourneyClient.StepStatus(answered, "advanced-training-completed") == (accepted ? "active" : "skipped"),
            $"step 18 is {JourneyClient.StepStatus(answered, "advanced-training-completed")} after the offer was {(accepted ? "accepted" : "declined")}");
        if (accepted)
            return;

        // The survey twice at once: one answer kept, the other refused.
        var scores = new[] { 5, 2 };
        var survey = await Task.WhenAll(scores.Select(score => customer.StatusOfAsync(HttpMethod.Post, "/api/onboarding/journey/survey", new { score, comment = $"Score {score}" })));
        var kept = scores[OneWinner(index, "survey twice", survey)];
        var surveyed = await journey.GetAsync();
        for (var deadline = DateTime.UtcNow + Wait; surveyed.GetProperty("survey").ValueKind != JsonValueKind.Object && DateTime.UtcNow < deadline; surveyed = await journey.GetAsync())
            await Task.Delay(250);
        Check(index, surveyed.GetProperty("survey").ValueKind == JsonValueKind.Object && surveyed.GetProperty("survey").GetProperty("score").GetInt32() == kept,
            $"the survey shows {surveyed.GetProperty("survey")}, but score {kept} was accepted");
    }

    /// <summary>
    /// Of two requests only one can win: exactly one 202 and one 409. Answers the (first) winner's index;
    /// a defect is noted and the journey goes on, so one run shows every race that drops a request.
    /// </summary>
    private int OneWinner(int index, string race, HttpStatusCode[] statuses)
    {
        if (statuses.Count(s => s == HttpStatusCode.Accepted) != 1 || statuses.Count(s => s == HttpStatusCode.Conflict) != 1)
            _defects.Add($"journey {index}: {race}: answered {string.Join(" and ", statuses.Select(s => (int)s))}, expected one 202 and one 409");
        return Math.Max(0, Array.IndexOf(statuses, HttpStatusCode.Accepted));
    }

    private void Check(int index, bool condition, string defect)
    {
        if (!condition)
            _defects.Add($"journey {index}: {defect}");
    }

    private static object DetailsOf(string company) => new
    {
        company,
        jobTitle = "Operations lead",
        teamSize = 12,
        goals = "Faster onboarding",
        phone = "+4915112345678",
        timezone = "Europe/London",
    };
}
