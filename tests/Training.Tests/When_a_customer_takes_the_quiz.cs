using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerPlatform.Contracts.Training;

namespace CustomerPlatform.Training.Tests;

[Collection(TrainingCollection.Name)]
public sealed class When_a_customer_takes_the_quiz(TrainingFixture fixture)
{
    private async Task<(HttpClient Client, Guid EnrollmentId, QuizAnswers Quiz)> EnrolledAsync()
    {
        var customerId = Guid.NewGuid();
        var enrolled = await fixture.EnrollAsync(customerId);
        return (fixture.CreateClient(customerId, Roles.Customer), enrolled.EnrollmentId, await QuizAnswers.ForAsync(fixture, enrolled.CourseId));
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, Guid enrollmentId, object body) =>
        client.PostAsJsonAsync($"/api/training/enrollments/{enrollmentId}/quiz-attempts", body);

    [Fact]
    public async Task Should_answer_exactly_score_passed_and_attempts_left()
    {
        var (client, enrollmentId, quiz) = await EnrolledAsync();

        var response = await SubmitAsync(client, enrollmentId, quiz.WithRight(8));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["attemptsLeft", "passed", "score"], json.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(80m, json.GetProperty("score").GetDecimal());
        Assert.True(json.GetProperty("passed").GetBoolean());
        Assert.Equal(2, json.GetProperty("attemptsLeft").GetInt32());
    }

    [Fact]
    public async Task Should_never_send_the_correct_answers_to_a_learner()
    {
        var (client, enrollmentId, quiz) = await EnrolledAsync();

        var bodies = new[]
        {
            await client.GetStringAsync($"/api/training/courses/{SeedCourses.InitialCourseId}"),
            await client.GetStringAsync("/api/training/courses"),
            await client.GetStringAsync("/api/training/enrollments"),
            await client.GetStringAsync($"/api/training/enrollments/{enrollmentId}"),
            await (await SubmitAsync(client, enrollmentId, quiz.WithRight(3))).Content.ReadAsStringAsync(),
        };

        foreach (var body in bodies)
        {
            Assert.DoesNotContain("\"correctChoiceIds\"", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("\"correct\":", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("\"creditMode\"", body, StringComparison.OrdinalIgnoreCase);
        }

        var course = JsonSerializer.Deserialize<CourseView>(bodies[0], JsonSerializerOptions.Web)!;
        Assert.Equal(enrollmentId, course.EnrollmentId);
        Assert.Equal(10, course.Quiz.Questions.Count);
    }

    [Fact]
    public async Task Should_shuffle_per_attempt_but_keep_the_order_within_one()
    {
        var (client, enrollmentId, quiz) = await EnrolledAsync();
        var url = $"/api/training/courses/{SeedCourses.InitialCourseId}";
        static string Order(CourseView c) => string.Join(",", c.Quiz.Questions.Select(q => q.QuestionId + ":" + string.Join(";", q.Choices.Select(x => x.ChoiceId))));

        var first = (await client.GetFromJsonAsync<CourseView>(url))!;
        var again = (await client.GetFromJsonAsync<CourseView>(url))!;
        await SubmitAsync(client, enrollmentId, quiz.WithRight(1));
        var second = (await client.GetFromJsonAsync<CourseView>(url))!;

        Assert.Equal(1, first.Quiz.AttemptNumber);
        Assert.Equal(Order(first), Order(again));
        Assert.Equal(2, second.Quiz.AttemptNumber);
        Assert.NotEqual(Order(first), Order(second));
    }

    [Fact]
    public async Task Should_keep_the_best_attempt()
    {
        var (client, enrollmentId, quiz) = await EnrolledAsync();

        await SubmitAsync(client, enrollmentId, quiz.WithRight(7));
        await SubmitAsync(client, enrollmentId, quiz.WithRight(5));

        var enrollment = await client.GetFromJsonAsync<EnrollmentView>($"/api/training/enrollments/{enrollmentId}");
        Assert.Equal(70m, enrollment!.Quiz.BestScore);
        Assert.Equal(2, enrollment.Quiz.AttemptsUsed);
        Assert.False(enrollment.Quiz.Passed);
    }

    [Fact]
    public async Task Should_refuse_attempts_beyond_the_limit_and_report_exhaustion()
    {
        var (client, enrollmentId, quiz) = await EnrolledAsync();

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(client, enrollmentId, quiz.WithRight(2 + i))).StatusCode);
        var fourth = await SubmitAsync(client, enrollmentId, quiz.WithRight(10));

        Assert.Equal(HttpStatusCode.Conflict, fourth.StatusCode);
        Assert.Equal("application/problem+json", fourth.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, await fixture.AttemptCountAsync(enrollmentId));
        var exhausted = await fixture.Events.WaitForAsync<TrainingAttemptsExhausted>(e => e.EnrollmentId == enrollmentId);
        Assert.Equal(40m, exhausted.BestScore);
        Assert.Equal(3, exhausted.AttemptsUsed);
        var enrollment = await client.GetFromJsonAsync<EnrollmentView>($"/api/training/enrollments/{enrollmentId}");
        Assert.Equal(EnrollmentStatus.AttemptsExhausted, enrollment!.Status);
    }

    [Fact]
    public async Task Should_refuse_another_attempt_once_passed()
    {
        var (client, enrollmentId, quiz) = await EnrolledAsync();

        await SubmitAsync(client, enrollmentId, quiz.WithRight(9));
        var again = await SubmitAsync(client, enrollmentId, quiz.WithRight(10));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1, await fixture.AttemptCountAsync(enrollmentId));
    }

    [Fact]
    public async Task Should_complete_once_when_every_module_is_done_and_the_quiz_passed()
    {
        var (client, enrollmentId, quiz) = await EnrolledAsync();

        await SubmitAsync(client, enrollmentId, quiz.WithRight(10));
        foreach (var module in quiz.Course.Modules)
        {
            Assert.DoesNotContain(fixture.Events.All<TrainingCompleted>(), e => e.EnrollmentId == enrollmentId);
            var done = await client.PostAsync($"/api/training/enrollments/{enrollmentId}/modules/{module.ModuleId}/complete", null);
            Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        }
        await client.PostAsync($"/api/training/enrollments/{enrollmentId}/modules/{quiz.Course.Modules[0].ModuleId}/complete", null);

        var completed = await fixture.Events.WaitForAsync<TrainingCompleted>(e => e.EnrollmentId == enrollmentId);
        Assert.Equal(100m, completed.Score);
        Assert.Equal(1, completed.Attempts);
        await Task.Delay(500);
        Assert.Single(fixture.Events.All<TrainingCompleted>(), e => e.EnrollmentId == enrollmentId);
        var enrollment = await client.GetFromJsonAsync<EnrollmentView>($"/api/training/enrollments/{enrollmentId}");
        Assert.Equal(EnrollmentStatus.Completed, enrollment!.Status);
        Assert.All(enrollment.Modules, m => Assert.True(m.Completed));
    }
}
