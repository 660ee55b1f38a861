using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Notifications;

namespace CustomerPlatform.Onboarding.Tests;

/// <summary>A CSM's list of their customers' journeys, stuck first; an admin's view of any CSM's.</summary>
[Collection(OnboardingCollection.Name)]
public sealed class When_staff_list_journeys(OnboardingFixture fixture)
{
    [Fact]
    public async Task Should_show_a_csm_their_own_customers_with_the_longest_waiting_first()
    {
        // Two customers of one CSM, both waiting on step 8 (the introduction email).
        var csmId = Guid.NewGuid();
        await fixture.UseOnlySuccessManagersAsync(csmId);
        var first = new CustomerJourney(fixture);
        await first.StartAsync();
        Assert.Equal(csmId, (await first.ThroughDetailsAsync()).SuccessManager!.Id);
        var second = new CustomerJourney(fixture);
        await second.StartAsync();
        await second.ThroughDetailsAsync();
        var csm = fixture.CreateClient(csmId, Roles.SuccessManager);

        var list = await csm.GetFromJsonAsync<JourneySummaryPage>("/api/onboarding/journeys?pageSize=100");
        Assert.Equal([first.Id, second.Id], list!.Items.Select(j => j.CustomerId));
        var mine = list.Items[0];
        Assert.Equal(first.Email, mine.CustomerEmail);
        Assert.Equal(JourneySteps.IntroductionSent, mine.CurrentStep!.Number);
        Assert.Equal("platform", mine.WaitingOn);
        Assert.Equal(7, mine.StepsDone);

        // Another CSM does not see them; an admin does, by naming the CSM.
        var other = await fixture.CreateClient(Guid.NewGuid(), Roles.SuccessManager).GetFromJsonAsync<JourneySummaryPage>("/api/onboarding/journeys?pageSize=100");
        Assert.DoesNotContain(other!.Items, j => j.CustomerId == first.Id);
        var admin = await fixture.Admin().GetFromJsonAsync<JourneySummaryPage>($"/api/onboarding/journeys?successManagerId={csmId}&pageSize=100");
        Assert.Contains(admin!.Items, j => j.CustomerId == first.Id);
        Assert.All(admin.Items, j => Assert.Equal(csmId, j.SuccessManager!.Id));

        // Stuck first: once the first moves on, the second has waited longer and leads.
        await first.DeliveredAsync(EmailTemplates.SuccessManagerIntroduction, first.Id);
        await first.WaitForStepAsync(JourneySteps.InitialTrainingEnrolled, StepStatuses.Active);
        var ordered = (await csm.GetFromJsonAsync<JourneySummaryPage>("/api/onboarding/journeys?pageSize=100"))!.Items;
        Assert.Equal([second.Id, first.Id], ordered.Select(j => j.CustomerId));
        Assert.Equal(JourneySteps.InitialTrainingEnrolled, ordered[1].CurrentStep!.Number);
    }

    [Fact]
    public async Task Should_refuse_customers_agents_and_bad_filters()
    {
        ApiAssert.Status(HttpStatusCode.Forbidden, await fixture.CreateClient(Guid.NewGuid(), Roles.Customer).GetAsync("/api/onboarding/journeys"));
        ApiAssert.Status(HttpStatusCode.Forbidden, await fixture.CreateClient(Guid.NewGuid(), Roles.Agent).GetAsync("/api/onboarding/journeys"));
        await ApiAssert.BadRequestNamingAsync(await fixture.Admin().GetAsync("/api/onboarding/journeys?status=stuck"), "status");
        await ApiAssert.BadRequestNamingAsync(await fixture.Admin().GetAsync("/api/onboarding/journeys?successManagerId=someone"), "successManagerId");
        await ApiAssert.BadRequestNamingAsync(await fixture.CreateClient(Guid.NewGuid(), Roles.SuccessManager).GetAsync($"/api/onboarding/journeys?successManagerId={Guid.NewGuid()}"), "successManagerId");
        await ApiAssert.BadRequestNamingAsync(await fixture.Admin().GetAsync("/api/onboarding/journeys?pageSize=1000"), "pageSize");
    }
}
