using System.Net;
using System.Net.Http.Json;

namespace CustomerPlatform.Onboarding.Tests;

[Collection(OnboardingCollection.Name)]
public sealed class When_approvals_are_decided(OnboardingFixture fixture)
{
    [Fact]
    public async Task Should_forbid_customers_and_agents()
    {
        await fixture.UseOnlySuccessManagersAsync(Guid.NewGuid());
        var customer = new CustomerJourney(fixture);
        await customer.StartAsync();
        ApiAssert.Status(HttpStatusCode.Accepted, await customer.SubmitDetailsAsync());
        var approval = await customer.PendingApprovalAsync(JourneySteps.DetailsApproved);

        ApiAssert.Status(HttpStatusCode.Forbidden, await CustomerJourney.DecideAsync(customer.Client, approval.ApprovalId, "approve"));
        ApiAssert.Status(HttpStatusCode.Forbidden, await customer.Client.GetAsync("/api/onboarding/approvals?status=pending"));
        var agent = fixture.CreateClient(Guid.NewGuid(), Roles.Agent);
        ApiAssert.Status(HttpStatusCode.Forbidden, await agent.GetAsync("/api/onboarding/approvals"));
        ApiAssert.Status(HttpStatusCode.Forbidden, await CustomerJourney.DecideAsync(agent, approval.ApprovalId, "approve"));
        await customer.WaitForStepAsync(JourneySteps.DetailsApproved, StepStatuses.AwaitingApproval);
    }

    [Fact]
    public async Task Should_let_only_the_customers_own_csm_or_an_admin_decide_step_11()
    {
        var mine = Guid.NewGuid();
        await fixture.UseOnlySuccessManagersAsync(mine);
        var customer = new CustomerJourney(fixture);
        await customer.StartAsync();
        await customer.ThroughDetailsAsync();
        var approval = await customer.ThroughInitialTrainingAsync();

        var other = fixture.CreateClient(Guid.NewGuid(), Roles.SuccessManager);
        ApiAssert.Status(HttpStatusCode.Forbidden, await CustomerJourney.DecideAsync(other, approval.ApprovalId, "approve"));
        var otherQueue = await other.GetFromJsonAsync<List<ApprovalResponse>>("/api/onboarding/approvals?status=pending");
        Assert.DoesNotContain(otherQueue!, a => a.ApprovalId == approval.ApprovalId);
        var myQueue = await fixture.CreateClient(mine, Roles.SuccessManager).GetFromJsonAsync<List<ApprovalResponse>>("/api/onboarding/approvals?status=pending");
        Assert.Contains(myQueue!, a => a.ApprovalId == approval.ApprovalId);

        ApiAssert.Status(HttpStatusCode.Accepted, await CustomerJourney.DecideAsync(fixture.CreateClient(mine, Roles.SuccessManager), approval.ApprovalId, "approve"));
        await customer.WaitForStepAsync(JourneySteps.InitialTrainingApproved, StepStatuses.Completed);
    }

    [Fact]
    public async Task Should_need_a_reason_to_reject_and_refuse_a_second_decision()
    {
        await fixture.UseOnlySuccessManagersAsync(Guid.NewGuid());
        var customer = new CustomerJourney(fixture);
        await customer.StartAsync();
        ApiAssert.Status(HttpStatusCode.Accepted, await customer.SubmitDetailsAsync());
        var approval = await customer.PendingApprovalAsync(JourneySteps.DetailsApproved);
        var admin = fixture.Admin();

        await ApiAssert.BadRequestNamingAsync(await CustomerJourney.DecideAsync(admin, approval.ApprovalId, "reject"), "reason");
        await ApiAssert.BadRequestNamingAsync(await CustomerJourney.DecideAsync(admin, approval.ApprovalId, "maybe"), "decision");
        ApiAssert.Status(HttpStatusCode.NotFound, await CustomerJourney.DecideAsync(admin, Guid.NewGuid(), "approve"));

        var decisions = await Task.WhenAll(
            CustomerJourney.DecideAsync(admin, approval.ApprovalId, "approve"),
            CustomerJourney.DecideAsync(admin, approval.ApprovalId, "reject", "no"));
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Conflict], decisions.Select(d => d.StatusCode).Order());
        ApiAssert.Status(HttpStatusCode.Conflict, await CustomerJourney.DecideAsync(admin, approval.ApprovalId, "approve"));
    }
}
