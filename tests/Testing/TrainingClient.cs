using System.Net;
using System.Text.Json;

namespace CustomerPlatform.Testing;

/// <summary>Takes a course as a customer would: every module, then the quiz, answered right with the admin's answer key.</summary>
public static class TrainingClient
{
    public static async Task<JsonElement> EnrollmentAsync(ApiSession customer, string level)
    {
        var enrollments = await customer.GetAsync("/api/training/enrollments");
        return enrollments.EnumerateArray().Single(e => e.GetProperty("level").GetString() == level);
    }

    public static async Task<JsonElement> PassAsync(ApiSession customer, ApiSession admin, string level)
    {
        var enrollment = await EnrollmentAsync(customer, level);
        var enrollmentId = enrollment.GetProperty("enrollmentId").GetGuid();
        foreach (var module in enrollment.GetProperty("modules").EnumerateArray())
        {
            if (!module.GetProperty("completed").GetBoolean())
                await customer.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post,
                    $"/api/training/enrollments/{enrollmentId}/modules/{module.GetProperty("moduleId").GetGuid()}/complete");
        }

        return await customer.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/training/enrollments/{enrollmentId}/quiz-attempts",
            new { answers = await AnswerKeyAsync(admin, enrollment.GetProperty("courseId").GetGuid()) });
    }

    /// <summary>The right answers, from the admin's authoring view (the only place they are shown).</summary>
    public static async Task<object[]> AnswerKeyAsync(ApiSession admin, Guid courseId)
    {
        var course = await admin.GetAsync($"/api/training/admin/courses/{courseId}");
        return Questions(course)
            .Select(q => (object)new
            {
                questionId = q.GetProperty("questionId").GetGuid(),
                choiceIds = q.GetProperty("correctChoiceIds").EnumerateArray().Select(c => c.GetGuid()).ToArray(),
            })
            .ToArray();
    }

    private static IEnumerable<JsonElement> Questions(JsonElement course) =>
        course.TryGetProperty("quiz", out var quiz) ? quiz.GetProperty("questions").EnumerateArray() : course.GetProperty("questions").EnumerateArray();
}
