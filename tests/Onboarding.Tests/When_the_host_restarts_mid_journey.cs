using System.Net;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Training;

namespace CustomerPlatform.Onboarding.Tests;

[Collection(OnboardingCollection.Name)]
public sealed class When_the_host_restarts_mid_journey(OnboardingFixture fixture)
{
    [Fact]
    public async Task Should_lose_nothing()
    {
        var csm = Guid.NewGuid();
        await fixture.UseOnlySuccessManagersAsync(csm);
        var customer = new CustomerJourney(fixture);
        await customer.StartAsync();
        await customer.ThroughDetailsAsync();

        // Events published while the service is down wait in its queue; the saga and its timers are in the database.
        await fixture.RestartServiceAsync(async () =>
        {
            await customer.DeliveredAsync(EmailTemplates.SuccessManagerIntroduction, customer.Id);
            await Task.Delay(500);
        });

        var journey = await customer.WaitForStepAsync(JourneySteps.InitialTrainingEnrolled, StepStatuses.Active);
        Assert.Equal(csm, journey.SuccessManager?.Id);
        await fixture.Events.WaitForAsync<EnrollInCourse>(m => m.CustomerId == customer.Id && m.Level == CourseLevels.Initial, "after the restart");
        await customer.EnrolledAsync(CourseLevels.Initial);
        await customer.WaitForStepAsync(JourneySteps.InitialTrainingCompleted, StepStatuses.Active);
        await customer.TrainingCompletedAsync(CourseLevels.Initial);
        var approval = await customer.PendingApprovalAsync(JourneySteps.InitialTrainingApproved);
        ApiAssert.Status(HttpStatusCode.Accepted, await CustomerJourney.DecideAsync(fixture.CreateClient(csm, Roles.SuccessManager), approval.ApprovalId, "approve"));
        journey = await customer.WaitForStepAsync(JourneySteps.ProfileCompleted, StepStatuses.Active);
        Assert.All(journey.Steps.Take(11), s => Assert.Equal(StepStatuses.Completed, s.Status));
    }
}
