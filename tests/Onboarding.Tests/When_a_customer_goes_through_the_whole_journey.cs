using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Onboarding;
using CustomerPlatform.Contracts.Ticketing;
using CustomerPlatform.Contracts.Training;

namespace CustomerPlatform.Onboarding.Tests;

[Collection(OnboardingCollection.Name)]
public sealed class When_a_customer_goes_through_the_whole_journey(OnboardingFixture fixture)
{
    [Fact]
    public async Task Should_complete_all_19_steps_after_rejections_at_6_and_11()
    {
        var csm = Guid.NewGuid();
        await fixture.UseOnlySuccessManagersAsync(csm);
        var csmClient = fixture.CreateClient(csm, Roles.SuccessManager);
        var customer = new CustomerJourney(fixture);
        await customer.StartAsync();
        var recorded = fixture.Events;

        // Step 4: the details form was offered by email, with a link into the app.
        var form = await recorded.WaitForAsync<SendEmail>(e => e.CustomerId == customer.Id && e.Template == EmailTemplates.DetailsForm, "details-form");
        Assert.Equal("https://app.customerplatform.test/onboarding/details", form.Variables["formLink"]);

        // Step 6 rejected: back to 5, with the reason, by email too.
        ApiAssert.Status(HttpStatusCode.Accepted, await customer.SubmitDetailsAsync());
        var first = await customer.PendingApprovalAsync(JourneySteps.DetailsApproved);
        Assert.Equal("Example Ltd", first.Details?.Company);
        ApiAssert.Status(HttpStatusCode.Accepted, await CustomerJourney.DecideAsync(csmClient, first.ApprovalId, "reject", "Company name looks wrong"));
        var journey = await customer.WaitForStepAsync(JourneySteps.DetailsSubmitted, StepStatuses.Active);
        Assert.Equal(StepStatuses.Rejected, journey.Steps[5].Status);
        Assert.Equal("Company name looks wrong", journey.Steps[5].Note);
        var rejected = await recorded.WaitForAsync<SendEmail>(e => e.CustomerId == customer.Id && e.Template == EmailTemplates.StepRejected, "step-rejected");
        Assert.Equal("Company name looks wrong", rejected.Variables["reason"]);

        // Re-submitted: a new approval; approved by a CSM; the CSM is assigned and introduces themself.
        ApiAssert.Status(HttpStatusCode.Accepted, await customer.SubmitDetailsAsync());
        var second = await customer.PendingApprovalAsync(JourneySteps.DetailsApproved);
        Assert.NotEqual(first.ApprovalId, second.ApprovalId);
        ApiAssert.Status(HttpStatusCode.Accepted, await CustomerJourney.DecideAsync(csmClient, second.ApprovalId, "approve"));
        journey = await customer.WaitForStepAsync(JourneySteps.IntroductionSent, StepStatuses.Active);
        Assert.Equal(csm, journey.SuccessManager?.Id);
        await recorded.WaitForAsync<SuccessManagerAssigned>(m => m.CustomerId == customer.Id && m.SuccessManagerId == csm, "for the customer");
        var introduction = await recorded.WaitForAsync<SendEmail>(e => e.CustomerId == customer.Id && e.Template == EmailTemplates.SuccessManagerIntroduction, "introduction");
        Assert.Equal(journey.SuccessManager!.DisplayName, introduction.Variables["managerName"]);
        Assert.Equal(customer.Id, introduction.CorrelationId);

        // 8 → 9 → 10 → 11, then rejected at 11: training re-opened.
        var initialApproval = await customer.ThroughInitialTrainingAsync();
        await recorded.WaitForAsync<EnrollInCourse>(m => m.CustomerId == customer.Id && m.Level == CourseLevels.Initial, "initial");
        ApiAssert.Status(HttpStatusCode.Accepted, await CustomerJourney.DecideAsync(csmClient, initialApproval.ApprovalId, "reject", "Please redo module 2"));
        journey = await customer.WaitForStepAsync(JourneySteps.InitialTrainingCompleted, StepStatuses.Active);
        Assert.Equal(StepStatuses.Rejected, journey.Steps[10].Status);
        await recorded.WaitForAsync<ReopenTraining>(m => m.CustomerId == customer.Id && m.Level == CourseLevels.Initial, "initial");
        await customer.TrainingCompletedAsync(CourseLevels.Initial);
        var secondInitial = await customer.PendingApprovalAsync(JourneySteps.InitialTrainingApproved);
        ApiAssert.Status(HttpStatusCode.Accepted, await CustomerJourney.DecideAsync(csmClient, secondInitial.ApprovalId, "approve"));
        journey = await customer.WaitForAsync(j => j.Steps.Skip(11).Take(4).All(s => s.Status == StepStatuses.Active), "12–15 active");

        // 12–15 in any order.
        var client = customer.Client;
        ApiAssert.Status(HttpStatusCode.Conflict, await client.PostAsync("/api/onboarding/journey/steps/tools-integrated/done", null));
        ApiAssert.Status(HttpStatusCode.Created, await client.PostAsJsonAsync("/api/onboarding/journey/integrations", new { kind = "calendar", provider = "Google Calendar", account = "ann@example.com" }));
        ApiAssert.Status(HttpStatusCode.Accepted, await client.PostAsync("/api/onboarding/journey/steps/tools-integrated/done", null));
        ApiAssert.Status(HttpStatusCode.Accepted, await client.PutAsJsonAsync("/api/onboarding/journey/profile", new { headline = "Ops lead", bio = "I run operations.", expertise = new[] { "logistics" } }));
        var tour = await client.GetFromJsonAsync<List<TourFeature>>("/api/onboarding/tour");
        Assert.True(tour!.Count >= 5);
        foreach (var feature in tour)
            ApiAssert.Status(HttpStatusCode.Accepted, await client.PostAsJsonAsync("/api/onboarding/journey/explorations", new { feature = feature.Feature }));
        var asked = await client.PostAsJsonAsync("/api/onboarding/journey/queries", new { subject = "Billing", body = "How are seats billed?" });
        ApiAssert.Status(HttpStatusCode.Created, asked);
        var ticketId = (await asked.Content.ReadFromJsonAsync<TicketCreated>())!.TicketId;
        var ticket = await recorded.WaitForAsync<OpenTicket>(t => t.TicketId == ticketId, "for the question");
        Assert.Equal(TicketKinds.OnboardingQuestion, ticket.Kind);
        Assert.Equal(csm, ticket.AssigneeId);
        await customer.WaitForAsync(j => j.Steps[11].Status == StepStatuses.Completed && j.Steps[12].Status == StepStatuses.Completed && j.Steps[13].Status == StepStatuses.Completed, "12–14 done");
        ApiAssert.Status(HttpStatusCode.Accepted, await client.PostAsync("/api/onboarding/journey/steps/queries-asked/done", null));

        // 16 waits for the CSM's answer; then 17 is offered.
        journey = await customer.WaitForStepAsync(JourneySteps.QueriesAnswered, StepStatuses.Active);
        Assert.Equal(StepStatuses.Pending, journey.Steps[16].Status);
        await fixture.Bus.Publish(new TicketAnswered { TicketId = ticketId, CustomerId = customer.Id, Kind = TicketKinds.OnboardingQuestion, AnsweredBy = csm, AnsweredAt = DateTimeOffset.UtcNow });
        await customer.WaitForStepAsync(JourneySteps.AdvancedTrainingOffered, StepStatuses.Active);

        // 17 accepted → 18 → 19 approved → complete.
        ApiAssert.Status(HttpStatusCode.Conflict, await client.PostAsJsonAsync("/api/onboarding/journey/survey", new { score = 5 }));
        ApiAssert.Status(HttpStatusCode.Accepted, await client.PostAsJsonAsync("/api/onboarding/journey/advanced-training", new { accept = true }));
        await recorded.WaitForAsync<EnrollInCourse>(m => m.CustomerId == customer.Id && m.Level == CourseLevels.Advanced, "advanced");
        await customer.EnrolledAsync(CourseLevels.Advanced);
        await customer.TrainingCompletedAsync(CourseLevels.Advanced);
        var advancedApproval = await customer.PendingApprovalAsync(JourneySteps.AdvancedTrainingApproved);
        ApiAssert.Status(HttpStatusCode.Accepted, await CustomerJourney.DecideAsync(csmClient, advancedApproval.ApprovalId, "approve"));
        journey = await customer.WaitForAsync(j => j.Status == JourneyStatuses.Completed, "completed");

        Assert.All(journey.Steps, s => Assert.Equal(StepStatuses.Completed, s.Status));
        Assert.Equal(Enumerable.Range(1, 19), journey.Steps.Select(s => s.Number));
        Assert.Equal(JourneySteps.All.Select(s => s.Title), journey.Steps.Select(s => s.Title));
        var completed = await recorded.WaitForAsync<OnboardingCompleted>(m => m.CustomerId == customer.Id, "for the customer");
        Assert.True(completed.AdvancedTrainingTaken);
        await recorded.WaitForAsync<SendEmail>(e => e.CustomerId == customer.Id && e.Template == EmailTemplates.SatisfactionSurvey, "survey");
        // Step 19's event is published after OnboardingCompleted and the survey email (in the same commit): wait for it.
        await recorded.WaitForAsync<OnboardingStepCompleted>(m => m.CustomerId == customer.Id && m.Step == JourneySteps.AdvancedTrainingApproved, "step 19");
        var published = recorded.All<OnboardingStepCompleted>(m => m.CustomerId == customer.Id).Select(m => m.Step).Distinct().Order();
        Assert.Equal(Enumerable.Range(1, 19), published);

        // The survey, once.
        ApiAssert.Status(HttpStatusCode.Accepted, await client.PostAsJsonAsync("/api/onboarding/journey/survey", new { score = 4, comment = "Smooth" }));
        journey = await customer.WaitForAsync(j => j.Survey is not null, "survey recorded");
        Assert.Equal(4, journey.Survey!.Score);
        await recorded.WaitForAsync<SurveyAnswered>(m => m.CustomerId == customer.Id && m.Score == 4, "for the customer");
        ApiAssert.Status(HttpStatusCode.Conflict, await client.PostAsJsonAsync("/api/onboarding/journey/survey", new { score = 5 }));
        Assert.Equal(0, await fixture.ReadAsync(db => Task.FromResult(db.Staff.Single(s => s.Id == csm).OpenJourneys)));
    }

    [Fact]
    public async Task Should_skip_18_and_19_when_advanced_training_is_declined()
    {
        var csm = Guid.NewGuid();
        await fixture.UseOnlySuccessManagersAsync(csm);
        var customer = new CustomerJourney(fixture);
        await customer.StartAsync();
        await customer.ThroughDetailsAsync();
        var approval = await customer.ThroughInitialTrainingAsync();
        ApiAssert.Status(HttpStatusCode.Accepted, await CustomerJourney.DecideAsync(fixture.Admin(), approval.ApprovalId, "approve"));
        await customer.WaitForStepAsync(JourneySteps.QueriesAsked, StepStatuses.Active);

        var client = customer.Client;
        ApiAssert.Status(HttpStatusCode.Accepted, await client.PutAsJsonAsync("/api/onboarding/journey/profile", new { headline = "Dev", bio = "Builds things.", expertise = new[] { "C#" } }));
        ApiAssert.Status(HttpStatusCode.Created, await client.PostAsJsonAsync("/api/onboarding/journey/integrations", new { kind = "communication", provider = "Slack", account = "ann" }));
        await customer.WaitForAsync(j => j.Steps[11].Status == StepStatuses.Completed, "profile saved");
        foreach (var key in new[] { "tools-integrated", "product-explored", "queries-asked" })
            ApiAssert.Status(HttpStatusCode.Accepted, await client.PostAsync($"/api/onboarding/journey/steps/{key}/done", null));

        // No questions: 16 completes at once and 17 is offered.
        await customer.WaitForStepAsync(JourneySteps.AdvancedTrainingOffered, StepStatuses.Active);
        ApiAssert.Status(HttpStatusCode.Accepted, await client.PostAsJsonAsync("/api/onboarding/journey/advanced-training", new { accept = false }));
        var journey = await customer.WaitForAsync(j => j.Status == JourneyStatuses.Completed, "completed");

        Assert.Equal("declined", journey.Steps[16].Note);
        Assert.Equal(StepStatuses.Skipped, journey.Steps[17].Status);
        Assert.Equal(StepStatuses.Skipped, journey.Steps[18].Status);
        var completed = await fixture.Events.WaitForAsync<OnboardingCompleted>(m => m.CustomerId == customer.Id, "for the customer");
        Assert.False(completed.AdvancedTrainingTaken);
    }
}
