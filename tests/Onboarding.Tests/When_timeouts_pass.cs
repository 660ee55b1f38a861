using System.Net;
using CustomerPlatform.Contracts.Notifications;

namespace CustomerPlatform.Onboarding.Tests;

/// <summary>The fixture shortens the idle timeout to <see cref="OnboardingFixture.IdleReminder"/> and the approval one to <see cref="OnboardingFixture.ApprovalReminder"/>.</summary>
[Collection(OnboardingCollection.Name)]
public sealed class When_timeouts_pass(OnboardingFixture fixture)
{
    private static readonly string DetailsTitle = JourneySteps.Get(JourneySteps.DetailsSubmitted).Title;

    [Fact]
    public async Task Should_remind_an_idle_customer_once_per_step()
    {
        var customer = new CustomerJourney(fixture);
        await customer.StartAsync();

        var reminder = await fixture.Events.WaitForAsync<SendEmail>(
            e => e.CustomerId == customer.Id && e.Template == EmailTemplates.StepReminder && e.Variables["stepTitle"] == DetailsTitle,
            "for step 5", OnboardingFixture.IdleReminder * 4);
        Assert.Equal(customer.Email, reminder.To);

        await Task.Delay(OnboardingFixture.IdleReminder * 2);
        Assert.Single(fixture.Events.All<SendEmail>(e => e.CustomerId == customer.Id && e.Template == EmailTemplates.StepReminder && e.Variables["stepTitle"] == DetailsTitle));
    }

    [Fact]
    public async Task Should_not_remind_after_the_step_completed()
    {
        var customer = new CustomerJourney(fixture);
        await customer.StartAsync();
        ApiAssert.Status(HttpStatusCode.Accepted, await customer.SubmitDetailsAsync());
        var approval = await customer.PendingApprovalAsync(JourneySteps.DetailsApproved);
        ApiAssert.Status(HttpStatusCode.Accepted, await CustomerJourney.DecideAsync(fixture.Admin(), approval.ApprovalId, "approve"));
        await customer.WaitForAsync(j => j.Steps[5].Status == StepStatuses.Completed, "step 6 approved");

        await Task.Delay(OnboardingFixture.IdleReminder + OnboardingFixture.ApprovalReminder + TimeSpan.FromSeconds(3));
        Assert.Empty(fixture.Events.All<SendEmail>(e => e.CustomerId == customer.Id && e.Template == EmailTemplates.StepReminder && e.Variables["stepTitle"] == DetailsTitle));
        Assert.Empty(fixture.Events.All<SendEmail>(e => e.Template == EmailTemplates.ApprovalReminder && e.Variables["customerName"] == customer.Name));
    }

    [Fact]
    public async Task Should_remind_the_approvers_of_a_waiting_approval()
    {
        var csm = Guid.NewGuid();
        await fixture.UseOnlySuccessManagersAsync(csm);
        var customer = new CustomerJourney(fixture);
        await customer.StartAsync();
        ApiAssert.Status(HttpStatusCode.Accepted, await customer.SubmitDetailsAsync());
        await customer.PendingApprovalAsync(JourneySteps.DetailsApproved);

        await fixture.Events.WaitForAsync<SendEmail>(
            e => e.Template == EmailTemplates.ApprovalReminder && e.Variables["customerName"] == customer.Name && e.CustomerId == csm,
            "to the CSM", OnboardingFixture.ApprovalReminder * 4);
        await fixture.Events.WaitForAsync<SendEmail>(
            e => e.Template == EmailTemplates.ApprovalReminder && e.Variables["customerName"] == customer.Name && e.CustomerId == fixture.AdminId,
            "to the admin", OnboardingFixture.ApprovalReminder * 2);
    }
}
