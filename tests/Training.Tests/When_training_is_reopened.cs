using System.Net.Http.Json;
using CustomerPlatform.Contracts.Training;

namespace CustomerPlatform.Training.Tests;

[Collection(TrainingCollection.Name)]
public sealed class When_training_is_reopened(TrainingFixture fixture)
{
    [Fact]
    public async Task Should_give_the_attempts_again_once_per_reopen_and_complete_anew()
    {
        var enrolled = await fixture.EnrollAsync(Guid.NewGuid());
        var quiz = await QuizAnswers.ForAsync(fixture, enrolled.CourseId);
        using var client = fixture.CreateClient(enrolled.CustomerId, Roles.Customer);
        var url = $"/api/training/enrollments/{enrolled.EnrollmentId}";
        foreach (var module in quiz.Course.Modules)
            await client.PostAsync($"{url}/modules/{module.ModuleId}/complete", null);
        await client.PostAsJsonAsync($"{url}/quiz-attempts", quiz.WithRight(9));
        await fixture.Events.WaitForAsync<TrainingCompleted>(e => e.EnrollmentId == enrolled.EnrollmentId);

        var reopen = new ReopenTraining { ReopenId = Guid.NewGuid(), CustomerId = enrolled.CustomerId, Level = CourseLevels.Initial, Reason = "Please review module 2" };
        await fixture.Bus.Publish(reopen);
        await fixture.Bus.Publish(reopen);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        EnrollmentView? enrollment;
        do
        {
            await Task.Delay(100);
            enrollment = await client.GetFromJsonAsync<EnrollmentView>(url);
        }
        while (enrollment!.Status == EnrollmentStatus.Completed && DateTime.UtcNow < deadline);
        await Task.Delay(1000); // the second copy has had time to apply, were it not idempotent

        enrollment = await client.GetFromJsonAsync<EnrollmentView>(url);
        Assert.Equal(EnrollmentStatus.InProgress, enrollment!.Status);
        Assert.False(enrollment.Quiz.Passed);
        Assert.Equal(4, enrollment.Quiz.AttemptsAllowed);
        var result = await (await client.PostAsJsonAsync($"{url}/quiz-attempts", quiz.WithRight(10))).Content.ReadFromJsonAsync<AttemptResult>();
        Assert.True(result!.Passed);
        var deadline2 = DateTime.UtcNow.AddSeconds(30);
        while (fixture.Events.All<TrainingCompleted>().Count(e => e.EnrollmentId == enrolled.EnrollmentId) < 2 && DateTime.UtcNow < deadline2)
            await Task.Delay(50);
        var completions = fixture.Events.All<TrainingCompleted>().Where(e => e.EnrollmentId == enrolled.EnrollmentId).ToList();
        Assert.Equal(2, completions.Count);
        Assert.Equal(100m, completions[1].Score);
        Assert.Equal(2, completions[1].Attempts);
    }
}
