using System.Net.Http.Json;

namespace CustomerPlatform.Training.Tests;

/// <summary>Builds attempts from the admin view of a course (the only place the correct choices are shown).</summary>
public sealed class QuizAnswers(AdminCourseView course)
{
    public static async Task<QuizAnswers> ForAsync(TrainingFixture fixture, Guid courseId)
    {
        using var admin = fixture.CreateClient(Guid.NewGuid(), Roles.Admin);
        return new QuizAnswers((await admin.GetFromJsonAsync<AdminCourseView>($"/api/training/admin/courses/{courseId}"))!);
    }

    public AdminCourseView Course => course;

    /// <summary>The first <paramref name="right"/> questions answered correctly, the rest wrongly.</summary>
    public object WithRight(int right) => new
    {
        answers = course.Quiz.Questions.Select((q, i) => new
        {
            questionId = q.QuestionId,
            choiceIds = i < right ? q.CorrectChoiceIds : [q.Choices.First(c => !q.CorrectChoiceIds.Contains(c.ChoiceId)).ChoiceId],
        }).ToList(),
    };
}
