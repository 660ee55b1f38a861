using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Training;

namespace CustomerPlatform.Training.Tests;

[Collection(TrainingCollection.Name)]
public sealed class When_a_course_is_authored(TrainingFixture fixture)
{
    [Fact]
    public async Task Should_publish_versions_and_keep_enrolled_customers_on_theirs()
    {
        using var admin = fixture.CreateClient(Guid.NewGuid(), Roles.Admin);
        var created = await admin.PostAsJsonAsync("/api/training/admin/courses", new { level = CourseLevels.Advanced, title = "Advanced, revised", description = "d" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var course = (await created.Content.ReadFromJsonAsync<AdminCourseView>())!;
        var draft = $"/api/training/admin/courses/{course.CourseId}/draft";
        var listed = Assert.Single((await admin.GetFromJsonAsync<List<AuthoredCourse>>("/api/training/admin/courses"))!, c => c.CourseId == course.CourseId);
        Assert.Equal((1, "draft", (int?)null), (listed.LatestVersion, listed.LatestStatus, listed.PublishedVersion));
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.CreateClient(Guid.NewGuid(), Roles.SuccessManager).GetAsync("/api/training/admin/courses")).StatusCode);
        await admin.PostAsJsonAsync($"{draft}/modules", new { title = "Approvals", content = "# Approvals", estimatedMinutes = 5 });
        await ApiAssert.BadRequestNamingAsync(await admin.PostAsJsonAsync($"{draft}/questions",
            new { type = QuestionTypes.SingleChoice, text = "Who approves?", choices = new[] { new { text = "CSM", correct = true }, new { text = "Anyone", correct = true } } }), "choices");
        var withQuestion = await admin.PostAsJsonAsync($"{draft}/questions",
            new { type = QuestionTypes.SingleChoice, text = "Who approves?", choices = new[] { new { text = "CSM", correct = true }, new { text = "Anyone", correct = false } } });
        Assert.Equal(HttpStatusCode.OK, withQuestion.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{draft}/publish", null)).StatusCode);
        listed = Assert.Single((await admin.GetFromJsonAsync<List<AuthoredCourse>>("/api/training/admin/courses"))!, c => c.CourseId == course.CourseId);
        Assert.Equal((1, "published", (int?)1), (listed.LatestVersion, listed.LatestStatus, listed.PublishedVersion));

        var first = await fixture.EnrollAsync(Guid.NewGuid(), CourseLevels.Advanced);
        Assert.Equal((course.CourseId, 1), (first.CourseId, first.CourseVersion));

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync($"/api/training/admin/courses/{course.CourseId}/versions", null)).StatusCode);
        await admin.PostAsJsonAsync($"{draft}/modules", new { title = "Security", content = "# Security", estimatedMinutes = 5 });
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{draft}/publish", null)).StatusCode);
        var second = await fixture.EnrollAsync(Guid.NewGuid(), CourseLevels.Advanced);

        Assert.Equal(2, second.CourseVersion);
        using var firstCustomer = fixture.CreateClient(first.CustomerId, Roles.Customer);
        var pinned = await firstCustomer.GetFromJsonAsync<EnrollmentView>($"/api/training/enrollments/{first.EnrollmentId}");
        Assert.Equal(1, pinned!.CourseVersion);
        Assert.Single(pinned.Modules);
        var shown = await firstCustomer.GetFromJsonAsync<CourseView>($"/api/training/courses/{course.CourseId}");
        Assert.Equal(1, shown!.Version);
        using var csm = fixture.CreateClient(Guid.NewGuid(), Roles.SuccessManager);
        Assert.Equal(HttpStatusCode.Forbidden, (await csm.PostAsync($"{draft}/publish", null)).StatusCode);
    }
}
