using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Onboarding;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Onboarding.Tests;

/// <summary>
/// Issue 14: a CSM who becomes inactive (or loses the role) has their open journeys handed to the least
/// loaded active CSM, pending approvals included; the customer is told who their new CSM is, and
/// Ticketing hears of it (SuccessManagerAssigned with the previous CSM) to move the open tickets. With
/// no CSM to take over, the journey waits until one becomes active.
/// </summary>
[Collection(OnboardingCollection.Name)]
public sealed class When_a_success_manager_leaves(OnboardingFixture fixture)
{
    [Fact]
    public async Task Should_hand_their_journeys_to_another_and_tell_the_customer()
    {
        Guid leaving = Guid.NewGuid(), next = Guid.NewGuid();
        await fixture.UseOnlySuccessManagersAsync(leaving);
        var customer = new CustomerJourney(fixture);
        await customer.StartAsync();
        Assert.Equal(leaving, (await customer.ThroughDetailsAsync()).SuccessManager!.Id);
        var approval = await customer.ThroughInitialTrainingAsync();

        // Nobody to take over: the journey keeps its CSM for now.
        await fixture.PublishStaffAsync(leaving, [Roles.SuccessManager], active: false);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(leaving, (await customer.GetAsync())!.SuccessManager!.Id);

        // A CSM becomes active: the journey, its pending approval and the counters move to them.
        await fixture.ActivateSuccessManagerAsync(next);
        var journey = await customer.WaitForAsync(j => j.SuccessManager?.Id == next, "the journey handed over");
        Assert.Equal($"staff-{next:N}@customerplatform.test", journey.SuccessManager!.Email);

        var assigned = await fixture.Events.WaitForAsync<SuccessManagerAssigned>(e => e.CustomerId == customer.Id && e.PreviousSuccessManagerId == leaving);
        Assert.Equal(next, assigned.SuccessManagerId);
        var email = await fixture.Events.WaitForAsync<SendEmail>(e => e.CustomerId == customer.Id && e.Template == EmailTemplates.SuccessManagerChanged);
        Assert.Equal(customer.Email, email.To);
        Assert.Equal(journey.SuccessManager.DisplayName, email.Variables["managerName"]);
        Assert.Equal($"Staff {leaving.ToString()[..8]}", email.Variables["previousManagerName"]);

        Assert.Equal(next, await fixture.ReadAsync(db => db.Approvals.AsNoTracking().Where(a => a.Id == approval.ApprovalId).Select(a => a.SuccessManagerId).SingleAsync()));
        var load = await fixture.ReadAsync(db => db.Staff.AsNoTracking().Where(s => s.Id == leaving || s.Id == next).ToDictionaryAsync(s => s.Id, s => s.OpenJourneys));
        Assert.Equal(0, load[leaving]);
        Assert.Equal(1, load[next]);

        // The same CSM losing the role (still an active account) hands over too, and only once.
        Guid third = Guid.NewGuid();
        await fixture.ActivateSuccessManagerAsync(third);
        await fixture.PublishStaffAsync(next, [Roles.Agent], active: true);
        await customer.WaitForAsync(j => j.SuccessManager?.Id == third, "the journey handed over again");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(fixture.Events.All<SuccessManagerAssigned>(e => e.CustomerId == customer.Id && e.PreviousSuccessManagerId == next));
        Assert.Single(fixture.Events.All<SendEmail>(e => e.CustomerId == customer.Id && e.Template == EmailTemplates.SuccessManagerChanged && e.Variables["managerName"] == $"Staff {third.ToString()[..8]}"));
    }
}
