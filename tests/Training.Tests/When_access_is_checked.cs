using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Training;

namespace CustomerPlatform.Training.Tests;

[Collection(TrainingCollection.Name)]
public sealed class When_access_is_checked(TrainingFixture fixture)
{
    [Fact]
    public async Task Should_hide_another_customers_enrollment_behind_404()
    {
        var owner = Guid.NewGuid();
        var enrolled = await fixture.EnrollAsync(owner);
        var quiz = await QuizAnswers.ForAsync(fixture, enrolled.CourseId);
        using var other = fixture.CreateClient(Guid.NewGuid(), Roles.Customer);
        var id = enrolled.EnrollmentId;

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/training/enrollments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/training/enrollments/{id}/quiz-attempts", quiz.WithRight(10))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await other.PostAsync($"/api/training/enrollments/{id}/modules/{quiz.Course.Modules[0].ModuleId}/complete", null)).StatusCode);
        Assert.Empty((await other.GetFromJsonAsync<List<EnrollmentView>>($"/api/training/enrollments?customerId={owner}"))!);
        Assert.Equal(0, await fixture.AttemptCountAsync(id));
    }

    [Theory]
    [InlineData(Roles.SuccessManager)]
    [InlineData(Roles.Agent)]
    [InlineData(Roles.Admin)]
    public async Task Should_let_staff_read_any_customers_enrollments(string role)
    {
        var owner = Guid.NewGuid();
        var enrolled = await fixture.EnrollAsync(owner);
        using var staff = fixture.CreateClient(Guid.NewGuid(), role);

        var list = await staff.GetFromJsonAsync<List<EnrollmentView>>($"/api/training/enrollments?customerId={owner}");

        Assert.Equal(enrolled.EnrollmentId, Assert.Single(list!).EnrollmentId);
    }

    [Theory]
    [InlineData(Roles.SuccessManager)]
    [InlineData(Roles.Agent)]
    [InlineData(Roles.Customer)]
    public async Task Should_show_the_correct_choices_to_admins_only(string role)
    {
        using var caller = fixture.CreateClient(Guid.NewGuid(), role);
        using var admin = fixture.CreateClient(Guid.NewGuid(), Roles.Admin);

        Assert.Equal(HttpStatusCode.Forbidden, (await caller.GetAsync($"/api/training/admin/courses/{SeedCourses.InitialCourseId}")).StatusCode);
        var course = await admin.GetFromJsonAsync<AdminCourseView>($"/api/training/admin/courses/{SeedCourses.InitialCourseId}");
        Assert.All(course!.Quiz.Questions, q => Assert.NotEmpty(q.CorrectChoiceIds));
        Assert.True(course.Quiz.Questions.Count >= 8);
    }
}
