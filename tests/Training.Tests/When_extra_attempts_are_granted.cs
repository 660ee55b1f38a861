using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Training;

namespace CustomerPlatform.Training.Tests;

[Collection(TrainingCollection.Name)]
public sealed class When_extra_attempts_are_granted(TrainingFixture fixture)
{
    [Fact]
    public async Task Should_reopen_an_exhausted_enrollment_and_publish_the_grant()
    {
        var customerId = Guid.NewGuid();
        var enrolled = await fixture.EnrollAsync(customerId);
        var quiz = await QuizAnswers.ForAsync(fixture, enrolled.CourseId);
        using var customer = fixture.CreateClient(customerId, Roles.Customer);
        var attempts = $"/api/training/enrollments/{enrolled.EnrollmentId}/quiz-attempts";
        for (var i = 0; i < 3; i++)
            await customer.PostAsJsonAsync(attempts, quiz.WithRight(1));
        var grant = $"/api/training/enrollments/{enrolled.EnrollmentId}/extra-attempts";
        using var csm = fixture.CreateClient(Guid.NewGuid(), Roles.SuccessManager);

        var granted = await csm.PostAsJsonAsync(grant, new { count = 2, reason = "Was ill during the first attempts" });

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        var enrollment = await granted.Content.ReadFromJsonAsync<EnrollmentView>();
        Assert.Equal(EnrollmentStatus.InProgress, enrollment!.Status);
        Assert.Equal(5, enrollment.Quiz.AttemptsAllowed);
        var result = await (await customer.PostAsJsonAsync(attempts, quiz.WithRight(10))).Content.ReadFromJsonAsync<AttemptResult>();
        Assert.True(result!.Passed);
        Assert.Equal(1, result.AttemptsLeft);
        var published = await fixture.Events.WaitForAsync<ExtraAttemptsGranted>(e => e.EnrollmentId == enrolled.EnrollmentId);
        Assert.Equal(2, published.Count);
    }

    [Fact]
    public async Task Should_refuse_agents_customers_and_bad_input()
    {
        var enrolled = await fixture.EnrollAsync(Guid.NewGuid());
        var grant = $"/api/training/enrollments/{enrolled.EnrollmentId}/extra-attempts";
        using var agent = fixture.CreateClient(Guid.NewGuid(), Roles.Agent);
        using var customer = fixture.CreateClient(enrolled.CustomerId, Roles.Customer);
        using var admin = fixture.CreateClient(Guid.NewGuid(), Roles.Admin);

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync(grant, new { count = 1, reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.PostAsJsonAsync(grant, new { count = 1, reason = "x" })).StatusCode);
        await ApiAssert.BadRequestNamingAsync(await admin.PostAsJsonAsync(grant, new { count = 11, reason = "x" }), "count");
        await ApiAssert.BadRequestNamingAsync(await admin.PostAsJsonAsync(grant, new { count = 1, reason = " " }), "reason");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/training/enrollments/{Guid.NewGuid()}/extra-attempts", new { count = 1, reason = "x" })).StatusCode);
    }
}
