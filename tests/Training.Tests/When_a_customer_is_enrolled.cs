using System.Net.Http.Json;
using CustomerPlatform.Contracts.Training;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Training.Tests;

[Collection(TrainingCollection.Name)]
public sealed class When_a_customer_is_enrolled(TrainingFixture fixture)
{
    [Fact]
    public async Task Should_answer_with_CustomerEnrolled_echoing_the_correlation()
    {
        var customerId = Guid.NewGuid();
        var correlationId = Guid.NewGuid();

        var enrolled = await fixture.EnrollAsync(customerId, CourseLevels.Initial, correlationId);

        Assert.Equal(SeedCourses.InitialCourseId, enrolled.CourseId);
        Assert.Equal(correlationId, enrolled.CorrelationId);
        using var client = fixture.CreateClient(customerId, Roles.Customer);
        var enrollments = await client.GetFromJsonAsync<List<EnrollmentView>>("/api/training/enrollments");
        var enrollment = Assert.Single(enrollments!);
        Assert.Equal(EnrollmentStatus.InProgress, enrollment.Status);
        Assert.True(enrollment.Modules.Count >= 4);
        Assert.Equal(3, enrollment.Quiz.AttemptsAllowed);
        Assert.Equal(80m, enrollment.Quiz.PassMark);
    }

    [Fact]
    public async Task Should_list_both_seeded_courses()
    {
        using var client = fixture.CreateClient(Guid.NewGuid(), Roles.Customer);

        var courses = (await client.GetFromJsonAsync<List<CourseSummary>>("/api/training/courses"))!;

        foreach (var (id, level) in new[] { (SeedCourses.InitialCourseId, CourseLevels.Initial), (SeedCourses.AdvancedCourseId, CourseLevels.Advanced) })
        {
            var course = Assert.Single(courses, c => c.CourseId == id);
            Assert.Equal(level, course.Level);
            Assert.True(course.ModuleCount >= 4);
            Assert.True(course.QuestionCount >= 8);
        }
    }

    [Fact]
    public async Task Should_create_one_enrollment_for_duplicate_commands()
    {
        var customerId = Guid.NewGuid();
        var command = new EnrollInCourse { CustomerId = customerId, Level = CourseLevels.Initial };

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => fixture.Bus.Publish(command)));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (fixture.Events.All<CustomerEnrolled>().Count(e => e.CustomerId == customerId) < 5 && DateTime.UtcNow < deadline)
            await Task.Delay(50);

        var answers = fixture.Events.All<CustomerEnrolled>().Where(e => e.CustomerId == customerId).ToList();
        Assert.Equal(5, answers.Count);
        Assert.Single(answers.Select(a => a.EnrollmentId).Distinct());
        Assert.Equal(1, await fixture.ReadAsync(db => db.Enrollments.CountAsync(e => e.CustomerId == customerId)));
    }
}
