using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace CustomerPlatform.Onboarding.Tests;

[Collection(OnboardingCollection.Name)]
public sealed class When_many_customers_start_at_once(OnboardingFixture fixture, ITestOutputHelper output)
{
    private const int Customers = 60;

    [Fact]
    public async Task Should_bring_every_one_to_a_success_manager()
    {
        Guid[] csms = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
        await fixture.UseOnlySuccessManagersAsync(csms);
        var customers = Enumerable.Range(0, Customers).Select(_ => new CustomerJourney(fixture)).ToList();
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(customers.Select(c => c.StartAsync()));
        var started = clock.Elapsed;
        await Task.WhenAll(customers.Select(async c => Assert.Equal(HttpStatusCode.Accepted, (await c.SubmitDetailsAsync()).StatusCode)));
        var approvals = await Task.WhenAll(customers.Select(c => c.PendingApprovalAsync(JourneySteps.DetailsApproved)));
        await Task.WhenAll(approvals.Select(async a => Assert.Equal(HttpStatusCode.Accepted, (await CustomerJourney.DecideAsync(fixture.Admin(), a.ApprovalId, "approve")).StatusCode)));
        var journeys = await Task.WhenAll(customers.Select(c => c.WaitForStepAsync(JourneySteps.IntroductionSent, StepStatuses.Active)));
        output.WriteLine($"{Customers} customers: verified in {started.TotalSeconds:0.0} s, assigned in {clock.Elapsed.TotalSeconds:0.0} s");

        // Balanced: the fewest open journeys wins, so three CSMs share 60 customers 20 each.
        var loads = journeys.GroupBy(j => j.SuccessManager!.Id).Select(g => g.Count()).Order().ToList();
        Assert.Equal([20, 20, 20], loads);
    }
}
