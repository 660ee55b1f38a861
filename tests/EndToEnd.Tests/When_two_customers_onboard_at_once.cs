using System.Net;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;
using CustomerPlatform.Contracts.Training;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>
/// Two customers start together: the CSM assignment spreads them over the two seeded CSMs, and
/// neither customer can reach the other's journey, tickets or enrollments.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class When_two_customers_onboard_at_once(PlatformFixture platform)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Should_give_them_different_success_managers_and_keep_their_data_apart()
    {
        var gateway = platform.Gateway;
        using var mail = new MailDevInbox(platform.App.GetEndpoint(ResourceNames.Mail, "http"));
        var admin = await Accounts.SignInAsync(gateway, StaffAccounts.Admin);

        var customers = await Task.WhenAll(new[] { "Ada Parallel", "Bo Parallel" }.Select(async name =>
        {
            var email = $"parallel-{Guid.NewGuid():N}@example.com";
            var (id, session) = await Accounts.NewCustomerAsync(gateway, mail, email, name, Wait);
            var journey = new JourneyClient(session);
            await journey.WaitForStepAsync("details-submitted", Wait, "active");
            await journey.SubmitDetailsAsync();
            var approval = await Approvals.WaitForPendingAsync(admin, id, 6, Wait);
            Assert.Equal(HttpStatusCode.Accepted, await Approvals.DecideAsync(admin, Approvals.Id(approval), "approve"));
            var enrolled = await journey.WaitForCompletedAsync("initial-training-enrolled", Wait);
            return (Id: id, Session: session, Journey: journey, Manager: enrolled.GetProperty("successManager").GetProperty("id").GetGuid());
        }));
        var (a, b) = (customers[0], customers[1]);

        Assert.NotEqual(a.Manager, b.Manager);

        // B's journey, ticket and enrollment are invisible to A: 404, as if they did not exist.
        Assert.Equal(HttpStatusCode.NotFound, await a.Session.StatusOfAsync(HttpMethod.Get, $"/api/onboarding/journeys/{b.Id}"));
        var bTicket = (await b.Session.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/onboarding/journey/help", new { body = "Where do I find the tour?" }))
            .GetProperty("ticketId").GetGuid();
        await WaitUntilAsync(async () => await b.Session.StatusOfAsync(HttpMethod.Get, $"/api/support/tickets/{bTicket}") == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, await a.Session.StatusOfAsync(HttpMethod.Get, $"/api/support/tickets/{bTicket}"));
        Assert.Equal(HttpStatusCode.NotFound, await a.Session.StatusOfAsync(HttpMethod.Post, $"/api/support/tickets/{bTicket}/messages", new { body = "Not mine." }));

        var bEnrollment = await TrainingClient.EnrollmentAsync(b.Session, CourseLevels.Initial);
        var bEnrollmentId = bEnrollment.GetProperty("enrollmentId").GetGuid();
        var aEnrollments = await a.Session.GetAsync("/api/training/enrollments");
        Assert.DoesNotContain(aEnrollments.EnumerateArray(), e => e.GetProperty("enrollmentId").GetGuid() == bEnrollmentId);
        var bModule = bEnrollment.GetProperty("modules")[0].GetProperty("moduleId").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, await a.Session.StatusOfAsync(HttpMethod.Post, $"/api/training/enrollments/{bEnrollmentId}/modules/{bModule}/complete"));
        Assert.Equal(HttpStatusCode.NotFound, await a.Session.StatusOfAsync(HttpMethod.Post, $"/api/training/enrollments/{bEnrollmentId}/quiz-attempts",
            new { answers = Array.Empty<object>() }));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition never held.");
            await Task.Delay(250);
        }
    }
}
