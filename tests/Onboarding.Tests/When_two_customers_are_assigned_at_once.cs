using System.Net;

namespace CustomerPlatform.Onboarding.Tests;

[Collection(OnboardingCollection.Name)]
public sealed class When_two_customers_are_assigned_at_once(OnboardingFixture fixture)
{
    [Fact]
    public async Task Should_give_them_different_success_managers()
    {
        Guid[] csms = [Guid.NewGuid(), Guid.NewGuid()];
        await fixture.UseOnlySuccessManagersAsync(csms);
        var customers = new[] { new CustomerJourney(fixture), new CustomerJourney(fixture) };
        await Task.WhenAll(customers.Select(c => c.StartAsync()));
        foreach (var customer in customers)
            ApiAssert.Status(HttpStatusCode.Accepted, await customer.SubmitDetailsAsync());
        var approvals = await Task.WhenAll(customers.Select(c => c.PendingApprovalAsync(JourneySteps.DetailsApproved)));

        // Both decisions at once: the two assignments race for the CSM rows.
        await Task.WhenAll(approvals.Select(a => CustomerJourney.DecideAsync(fixture.Admin(), a.ApprovalId, "approve")));
        var journeys = await Task.WhenAll(customers.Select(c => c.WaitForStepAsync(JourneySteps.IntroductionSent, StepStatuses.Active)));

        var assigned = journeys.Select(j => j.SuccessManager!.Id).ToList();
        Assert.Equal(csms.Order(), assigned.Order());
    }
}
