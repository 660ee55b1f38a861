using System.Net;
using System.Net.Http.Json;

namespace CustomerPlatform.Onboarding.Tests;

[Collection(OnboardingCollection.Name)]
public sealed class When_customers_read_journeys(OnboardingFixture fixture)
{
    [Fact]
    public async Task Should_show_a_customer_only_their_own_journey()
    {
        var b = new CustomerJourney(fixture);
        await b.SignUpAsync();
        await b.WaitForStepAsync(JourneySteps.SignedUp, StepStatuses.Completed);
        var a = new CustomerJourney(fixture);

        // A has no journey yet: B's is not there for them either, whatever the route.
        ApiAssert.Status(HttpStatusCode.NotFound, await a.Client.GetAsync("/api/onboarding/journey"));
        ApiAssert.Status(HttpStatusCode.NotFound, await a.Client.GetAsync($"/api/onboarding/journeys/{b.Id}"));
        await a.SignUpAsync();
        var own = await a.WaitForStepAsync(JourneySteps.SignedUp, StepStatuses.Completed);
        Assert.Equal(a.Id, own.CustomerId);

        var staffView = await fixture.CreateClient(Guid.NewGuid(), Roles.Agent).GetFromJsonAsync<JourneyResponse>($"/api/onboarding/journeys/{b.Id}");
        Assert.Equal(b.Id, staffView!.CustomerId);
        ApiAssert.Status(HttpStatusCode.NotFound, await fixture.Admin().GetAsync($"/api/onboarding/journeys/{Guid.NewGuid()}"));
    }

    [Fact]
    public async Task Should_not_lose_a_verification_that_overtakes_the_sign_up()
    {
        var customer = new CustomerJourney(fixture);
        await customer.VerificationDeliveredAsync();
        await customer.VerifiedAsync();
        await Task.Delay(500);
        await customer.SignUpAsync();

        var journey = await customer.WaitForAsync(j => j.Steps[4].Status == StepStatuses.Active, "step 5 active", TimeSpan.FromSeconds(60));
        Assert.Equal(StepStatuses.Completed, journey.Steps[1].Status);
        Assert.Equal(StepStatuses.Completed, journey.Steps[2].Status);
    }

    [Fact]
    public async Task Should_refuse_bad_details_naming_the_field()
    {
        var customer = new CustomerJourney(fixture);
        await customer.StartAsync();
        await ApiAssert.BadRequestNamingAsync(await customer.SubmitDetailsAsync(new { jobTitle = "x", teamSize = 3, phone = "+15551234567", timezone = "Europe/Paris" }), "company");
        await ApiAssert.BadRequestNamingAsync(await customer.SubmitDetailsAsync(new { company = "c", jobTitle = "x", teamSize = 0, phone = "+15551234567", timezone = "Europe/Paris" }), "teamSize");
        await ApiAssert.BadRequestNamingAsync(await customer.SubmitDetailsAsync(new { company = "c", jobTitle = "x", teamSize = 3, phone = "call me", timezone = "Europe/Paris" }), "phone");
        await ApiAssert.BadRequestNamingAsync(await customer.SubmitDetailsAsync(new { company = "c", jobTitle = "x", teamSize = 3, phone = "+15551234567", timezone = "Mars/Olympus" }), "timezone");
        ApiAssert.Status(HttpStatusCode.Accepted, await customer.SubmitDetailsAsync());
        await customer.WaitForStepAsync(JourneySteps.DetailsApproved, StepStatuses.AwaitingApproval);
        ApiAssert.Status(HttpStatusCode.Conflict, await customer.SubmitDetailsAsync());
    }
}
