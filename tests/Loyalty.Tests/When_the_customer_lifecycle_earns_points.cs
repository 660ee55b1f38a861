using CustomerPlatform.Contracts.Onboarding;
using CustomerPlatform.Contracts.Ticketing;
using CustomerPlatform.Contracts.Training;
using CustomerPlatform.Loyalty.Earning;
using CustomerPlatform.Loyalty.Ledger;

namespace CustomerPlatform.Loyalty.Tests;

/// <summary>
/// Onboarding completed, a course passed, the survey answered and a ticket rated each earn confirmed points once per
/// event, within their limit per period, and wait for the customer's sign-up when it has not arrived yet (ADR-033).
/// </summary>
[Collection(LoyaltyCollection.Name)]
public sealed class When_the_customer_lifecycle_earns_points(LoyaltyFixture fixture)
{
    [Fact]
    public async Task Should_earn_each_event_once_however_often_it_is_delivered()
    {
        var (customerId, _, client) = await fixture.SignedUpCustomerAsync();
        var now = DateTimeOffset.UtcNow;
        var enrollmentId = Guid.NewGuid();
        var ticketId = Guid.NewGuid();

        await fixture.PublishTwiceAsync(new OnboardingCompleted { CustomerId = customerId, AdvancedTrainingTaken = true, CompletedAt = now });
        await fixture.PublishTwiceAsync(Course(customerId, enrollmentId, 80m, now));
        await fixture.PublishTwiceAsync(new SurveyAnswered { CustomerId = customerId, Score = 5, AnsweredAt = now });
        await fixture.PublishTwiceAsync(Rating(customerId, ticketId, now));
        foreach (var key in new[] { $"onboarding:{customerId}", $"training:{enrollmentId}", $"survey:{customerId}:{now.UtcTicks}", $"ticket-rated:{ticketId}" })
            await fixture.WaitForSourceKeyAsync(key);
        await Task.Delay(TimeSpan.FromSeconds(1));

        var entries = await fixture.CustomerEntriesAsync(customerId);
        Assert.Equal(
            [(LedgerKinds.Earn, 200L, 0L, "Onboarding completed"), (LedgerKinds.Earn, 100L, 0L, "Course passed with 80 %"),
             (LedgerKinds.Earn, 50L, 0L, "Survey answered"), (LedgerKinds.Earn, 10L, 0L, "Support ticket rated")],
            entries.OrderByDescending(e => e.Points).Select(e => (e.Kind, e.Points, e.PendingPoints, e.Reason!)));
        Assert.Equal(360, (await LoyaltyFixture.MeAsync(client)).PointsBalance);
        Assert.Equal(360, Assert.Single(await fixture.MembersOfAsync(customerId)).Balance);
    }

    [Fact]
    public async Task Should_announce_the_tier_that_lifecycle_points_reach_once()
    {
        var (customerId, email, _) = await fixture.SignedUpCustomerAsync();
        // 200 points for the onboarding: over Silver's 100.
        await fixture.PublishTwiceAsync(new OnboardingCompleted { CustomerId = customerId, AdvancedTrainingTaken = false, CompletedAt = DateTimeOffset.UtcNow });
        await fixture.WaitForSourceKeyAsync($"onboarding:{customerId}");
        var sent = await fixture.Events.WaitForAsync<Contracts.Notifications.SendEmail>(
            e => e.To == MemberLedger.NormalizeEmail(email) && e.Template == Contracts.Notifications.EmailTemplates.LoyaltyTierUpgraded, "the tier email");
        Assert.Equal("Silver", sent.Variables["tierName"]);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(fixture.TierEmailsTo(email));
    }

    [Fact]
    public async Task Should_earn_nothing_for_a_rating_past_the_limit_in_the_period()
    {
        var (customerId, _, _) = await fixture.SignedUpCustomerAsync();
        var now = DateTimeOffset.UtcNow;
        var tickets = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();

        // Two ratings per 30 days: the third one earns nothing, one 31 days later earns again.
        await fixture.Bus.Publish(Rating(customerId, tickets[0], now.AddDays(-2)));
        await fixture.WaitForSourceKeyAsync($"ticket-rated:{tickets[0]}");
        await fixture.Bus.Publish(Rating(customerId, tickets[1], now.AddDays(-1)));
        await fixture.WaitForSourceKeyAsync($"ticket-rated:{tickets[1]}");
        await fixture.Bus.Publish(Rating(customerId, tickets[2], now));
        await Task.Delay(TimeSpan.FromSeconds(1));
        await fixture.Bus.Publish(Rating(customerId, tickets[3], now.AddDays(31)));
        await fixture.WaitForSourceKeyAsync($"ticket-rated:{tickets[3]}");
        await Task.Delay(TimeSpan.FromSeconds(1));

        var entries = await fixture.CustomerEntriesAsync(customerId);
        Assert.Equal([$"ticket-rated:{tickets[0]}", $"ticket-rated:{tickets[1]}", $"ticket-rated:{tickets[3]}"], entries.Select(e => e.SourceKey));
        Assert.Equal(30, Assert.Single(await fixture.MembersOfAsync(customerId)).Balance);
    }

    [Fact]
    public async Task Should_earn_more_for_a_course_passed_with_a_higher_score()
    {
        var (customerId, _, _) = await fixture.SignedUpCustomerAsync();
        var (pass, good) = (Guid.NewGuid(), Guid.NewGuid());

        await fixture.Bus.Publish(Course(customerId, pass, 85m, DateTimeOffset.UtcNow));
        await fixture.Bus.Publish(Course(customerId, good, 97.5m, DateTimeOffset.UtcNow));
        await fixture.WaitForSourceKeyAsync($"training:{pass}");
        await fixture.WaitForSourceKeyAsync($"training:{good}");

        // 100 points and 5 per whole percent above the pass mark of 80.
        var entries = await fixture.CustomerEntriesAsync(customerId);
        Assert.Equal((125L, "Course passed with 85 %"), entries.Where(e => e.SourceKey == $"training:{pass}").Select(e => (e.Points, e.Reason!)).Single());
        Assert.Equal((185L, "Course passed with 97.5 %"), entries.Where(e => e.SourceKey == $"training:{good}").Select(e => (e.Points, e.Reason!)).Single());
        Assert.Equal(310, Assert.Single(await fixture.MembersOfAsync(customerId)).Balance);
    }

    [Fact]
    public async Task Should_earn_once_the_sign_up_arrives_after_the_event()
    {
        var (customerId, email, client) = fixture.NewCustomer();
        await fixture.Bus.Publish(new OnboardingCompleted { CustomerId = customerId, AdvancedTrainingTaken = false, CompletedAt = DateTimeOffset.UtcNow });
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(await fixture.MembersOfAsync(customerId));

        await fixture.SignUpAsync(customerId, email);
        // The onboarding's message failed, and its redelivery (10 s later) finds the member.
        await fixture.WaitForSourceKeyAsync($"onboarding:{customerId}", TimeSpan.FromSeconds(40));
        Assert.Equal(200, (await LoyaltyFixture.MeAsync(client)).PointsBalance);
        Assert.Equal(MemberLedger.NormalizeEmail(email), Assert.Single(await fixture.MembersOfAsync(customerId)).Email);
    }

    [Fact]
    public void Should_earn_at_least_the_base_for_a_course_and_never_above_a_full_score()
    {
        var rule = new TrainingRule { Points = 100, PassMark = 80, PointsPerPercentAbovePass = 5 };
        Assert.Equal([100L, 100L, 150L, 200L, 200L], new[] { 50m, 80.9m, 90.5m, 100m, 120m }.Select(rule.PointsFor));
    }

    [Fact]
    public void Should_refuse_a_rule_without_a_limit_or_with_negative_points()
    {
        var options = new EarningOptions { TicketRating = new() { Points = 10, Limit = 0 }, Survey = new() { Points = -1 } };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true));
        Assert.Equal(["survey.points", "ticketRating.limit"], results.SelectMany(r => r.MemberNames).Order());
        var defaults = new EarningOptions();
        Assert.True(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(defaults, new(defaults), [], validateAllProperties: true));
    }

    private static TrainingCompleted Course(Guid customerId, Guid enrollmentId, decimal score, DateTimeOffset at) => new()
    {
        EnrollmentId = enrollmentId, CustomerId = customerId, CourseId = Guid.NewGuid(), Level = "basic", Score = score, Attempts = 1, CompletedAt = at,
    };

    private static TicketRated Rating(Guid customerId, Guid ticketId, DateTimeOffset at) => new()
    {
        TicketId = ticketId, CustomerId = customerId, Score = 5, RatedAt = at,
    };
}
