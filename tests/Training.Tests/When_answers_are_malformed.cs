using System.Net.Http.Json;

namespace CustomerPlatform.Training.Tests;

[Collection(TrainingCollection.Name)]
public sealed class When_answers_are_malformed(TrainingFixture fixture)
{
    [Fact]
    public async Task Should_answer_400_naming_the_field_and_store_nothing()
    {
        var enrolled = await fixture.EnrollAsync(Guid.NewGuid());
        var quiz = await QuizAnswers.ForAsync(fixture, enrolled.CourseId);
        using var client = fixture.CreateClient(enrolled.CustomerId, Roles.Customer);
        var url = $"/api/training/enrollments/{enrolled.EnrollmentId}/quiz-attempts";
        var questions = quiz.Course.Quiz.Questions;
        var single = questions.First(q => q.Type == QuestionTypes.SingleChoice);
        var other = questions.First(q => q.QuestionId != single.QuestionId);
        object Answers(params object[] answers) => new { answers };

        await ApiAssert.BadRequestNamingAsync(await client.PostAsJsonAsync(url, Answers(
            new { questionId = single.QuestionId, choiceIds = single.CorrectChoiceIds },
            new { questionId = Guid.NewGuid(), choiceIds = single.CorrectChoiceIds })), "answers[1].questionId");
        await ApiAssert.BadRequestNamingAsync(await client.PostAsJsonAsync(url, Answers(
            new { questionId = single.QuestionId, choiceIds = new[] { Guid.NewGuid() } })), "answers[0].choiceIds");
        await ApiAssert.BadRequestNamingAsync(await client.PostAsJsonAsync(url, Answers(
            new { questionId = single.QuestionId, choiceIds = other.CorrectChoiceIds })), "answers[0].choiceIds");
        await ApiAssert.BadRequestNamingAsync(await client.PostAsJsonAsync(url, Answers(
            new { questionId = single.QuestionId, choiceIds = single.Choices.Take(2).Select(c => c.ChoiceId) })), "answers[0].choiceIds");
        await ApiAssert.BadRequestNamingAsync(await client.PostAsJsonAsync(url, Answers(
            new { questionId = single.QuestionId, choiceIds = single.CorrectChoiceIds },
            new { questionId = other.QuestionId, choiceIds = other.CorrectChoiceIds },
            new { questionId = single.QuestionId, choiceIds = single.CorrectChoiceIds })), "answers[2].questionId");
        await ApiAssert.BadRequestNamingAsync(await client.PostAsJsonAsync(url, Answers(
            new { questionId = single.QuestionId, choiceIds = "nope" })), "answers[0].choiceIds");
        await ApiAssert.BadRequestNamingAsync(await client.PostAsJsonAsync(url, new { }), "answers");

        Assert.Equal(0, await fixture.AttemptCountAsync(enrolled.EnrollmentId));
        var enrollment = await client.GetFromJsonAsync<EnrollmentView>($"/api/training/enrollments/{enrolled.EnrollmentId}");
        Assert.Equal(0, enrollment!.Quiz.AttemptsUsed);
    }
}
