using CustomerPlatform.Contracts.Ticketing;
using CustomerPlatform.Contracts.Training;

namespace CustomerPlatform.Onboarding.Tests;

/// <summary>
/// Issue 14's loose end: the journey hears Training's ExtraAttemptsGranted. Step 10 is the customer's
/// again with the new attempts and the exhausted-attempts note is gone; a grant that overtakes the
/// exhaustion it answers leaves neither a note nor a ticket behind.
/// </summary>
[Collection(OnboardingCollection.Name)]
public sealed class When_extra_quiz_attempts_are_granted(OnboardingFixture fixture)
{
    [Fact]
    public async Task Should_replace_the_exhausted_note_with_the_new_attempts()
    {
        var customer = await AtTheQuizAsync();
        var exhaustedAt = DateTimeOffset.UtcNow;
        await fixture.Bus.Publish(Exhausted(customer, exhaustedAt));
        await customer.WaitForAsync(j => Step10(j).Note?.Contains("Every quiz attempt is used", StringComparison.Ordinal) == true, "the exhausted-attempts note");

        await fixture.Bus.Publish(Granted(customer, exhaustedAt.AddMinutes(5)));

        var granted = await customer.WaitForAsync(j => Step10(j).Note?.Contains("2 more quiz attempt", StringComparison.Ordinal) == true, "the new attempts' note");
        Assert.Equal(StepStatuses.Active, Step10(granted).Status);
    }

    [Fact]
    public async Task Should_open_no_ticket_for_an_exhaustion_a_later_grant_already_answered()
    {
        var customer = await AtTheQuizAsync();
        var exhaustedAt = DateTimeOffset.UtcNow;

        // The grant arrives first, the exhaustion it answers after it.
        await fixture.Bus.Publish(Granted(customer, exhaustedAt.AddMinutes(5)));
        await customer.WaitForAsync(j => Step10(j).Note?.Contains("2 more quiz attempt", StringComparison.Ordinal) == true, "the new attempts' note");
        await fixture.Bus.Publish(Exhausted(customer, exhaustedAt));

        // The exhaustion changes nothing now; without the grant it would note it and open a ticket at once.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var journey = await customer.GetAsync();
        Assert.Contains("2 more quiz attempt", Step10(journey!).Note);
        Assert.Equal(StepStatuses.Active, Step10(journey!).Status);
        Assert.Empty(fixture.Events.All<OpenTicket>(t => t.CustomerId == customer.Id && t.Kind == TicketKinds.TrainingAttemptsExhausted));
    }

    private async Task<CustomerJourney> AtTheQuizAsync()
    {
        await fixture.UseOnlySuccessManagersAsync(Guid.NewGuid());
        var customer = new CustomerJourney(fixture);
        await customer.StartAsync();
        await customer.ThroughDetailsAsync();
        await customer.DeliveredAsync(Contracts.Notifications.EmailTemplates.SuccessManagerIntroduction, customer.Id);
        await customer.WaitForStepAsync(JourneySteps.InitialTrainingEnrolled, StepStatuses.Active);
        await customer.EnrolledAsync(CourseLevels.Initial);
        await customer.WaitForStepAsync(JourneySteps.InitialTrainingCompleted, StepStatuses.Active);
        return customer;
    }

    private static JourneyStepResponse Step10(JourneyResponse journey) => journey.Steps.Single(s => s.Number == JourneySteps.InitialTrainingCompleted);

    private static TrainingAttemptsExhausted Exhausted(CustomerJourney customer, DateTimeOffset at) => new()
    {
        EnrollmentId = customer.Id,
        CustomerId = customer.Id,
        CourseId = Guid.NewGuid(),
        Level = CourseLevels.Initial,
        BestScore = 40,
        AttemptsUsed = 3,
        ExhaustedAt = at,
    };

    private static ExtraAttemptsGranted Granted(CustomerJourney customer, DateTimeOffset at) => new()
    {
        EnrollmentId = customer.Id,
        CustomerId = customer.Id,
        Level = CourseLevels.Initial,
        Count = 2,
        Reason = "One more go",
        GrantedBy = Guid.NewGuid(),
        GrantedAt = at,
    };
}
