using Microsoft.AspNetCore.Http.HttpResults;

namespace CustomerPlatform.Training;

/// <summary>Edits a draft's settings, modules and questions (admins only; published versions never change).</summary>
public static class DraftContentApi
{
    public static async Task<Results<Ok<AdminCourseView>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateCourseAsync(
        Guid courseId, HttpRequest request, TrainingDbContext db, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<CourseRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        if (AuthoringValidation.Course(body, creating: false) is { Count: > 0 } invalid)
            return TypedResults.ValidationProblem(invalid);
        return await DraftEditor.EditAsync(courseId, db, draft =>
        {
            draft.Title = body.Title!.Trim();
            draft.Description = body.Description?.Trim() ?? draft.Description;
            var quiz = draft.Content.Quiz;
            draft.Content = draft.Content with { Quiz = quiz with { PassMark = body.PassMark ?? quiz.PassMark, AttemptsAllowed = body.AttemptsAllowed ?? quiz.AttemptsAllowed } };
            return DraftEdit.Done;
        }, cancellationToken);
    }

    public static Task<Results<Ok<AdminCourseView>, NotFound, ValidationProblem, ProblemHttpResult>> AddModuleAsync(
        Guid courseId, HttpRequest request, TrainingDbContext db, CancellationToken cancellationToken) =>
        SaveModuleAsync(courseId, null, request, db, cancellationToken);

    public static Task<Results<Ok<AdminCourseView>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateModuleAsync(
        Guid courseId, Guid moduleId, HttpRequest request, TrainingDbContext db, CancellationToken cancellationToken) =>
        SaveModuleAsync(courseId, moduleId, request, db, cancellationToken);

    public static Task<Results<Ok<AdminCourseView>, NotFound, ValidationProblem, ProblemHttpResult>> RemoveModuleAsync(
        Guid courseId, Guid moduleId, TrainingDbContext db, CancellationToken cancellationToken) =>
        DraftEditor.EditAsync(courseId, db, draft =>
        {
            if (draft.Content.Modules.All(m => m.Id != moduleId))
                return DraftEdit.Missing;
            draft.Content = draft.Content with { Modules = draft.Content.Modules.Where(m => m.Id != moduleId).ToList() };
            return DraftEdit.Done;
        }, cancellationToken);

    public static Task<Results<Ok<AdminCourseView>, NotFound, ValidationProblem, ProblemHttpResult>> AddQuestionAsync(
        Guid courseId, HttpRequest request, TrainingDbContext db, CancellationToken cancellationToken) =>
        SaveQuestionAsync(courseId, null, request, db, cancellationToken);

    public static Task<Results<Ok<AdminCourseView>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateQuestionAsync(
        Guid courseId, Guid questionId, HttpRequest request, TrainingDbContext db, CancellationToken cancellationToken) =>
        SaveQuestionAsync(courseId, questionId, request, db, cancellationToken);

    public static Task<Results<Ok<AdminCourseView>, NotFound, ValidationProblem, ProblemHttpResult>> RemoveQuestionAsync(
        Guid courseId, Guid questionId, TrainingDbContext db, CancellationToken cancellationToken) =>
        DraftEditor.EditAsync(courseId, db, draft =>
        {
            var quiz = draft.Content.Quiz;
            if (quiz.Questions.All(q => q.Id != questionId))
                return DraftEdit.Missing;
            draft.Content = draft.Content with { Quiz = quiz with { Questions = quiz.Questions.Where(q => q.Id != questionId).ToList() } };
            return DraftEdit.Done;
        }, cancellationToken);

    private static async Task<Results<Ok<AdminCourseView>, NotFound, ValidationProblem, ProblemHttpResult>> SaveModuleAsync(
        Guid courseId, Guid? moduleId, HttpRequest request, TrainingDbContext db, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<ModuleRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        return await DraftEditor.EditAsync(courseId, db, draft =>
        {
            var modules = draft.Content.Modules.ToList();
            var index = moduleId is { } id ? modules.FindIndex(m => m.Id == id) : modules.Count;
            if (index < 0)
                return DraftEdit.Missing;
            if (AuthoringValidation.Module(body, moduleId is null ? modules.Count + 1 : modules.Count) is { Count: > 0 } invalid)
                return DraftEdit.Invalid(invalid);

            var module = new CourseModule(moduleId ?? Guid.CreateVersion7(), body.Title!.Trim(), body.Content!, body.EstimatedMinutes!.Value);
            draft.Content = draft.Content with { Modules = Place(modules, index, module, body.Position) };
            return DraftEdit.Done;
        }, cancellationToken);
    }

    private static async Task<Results<Ok<AdminCourseView>, NotFound, ValidationProblem, ProblemHttpResult>> SaveQuestionAsync(
        Guid courseId, Guid? questionId, HttpRequest request, TrainingDbContext db, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<QuestionRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        return await DraftEditor.EditAsync(courseId, db, draft =>
        {
            var questions = draft.Content.Quiz.Questions.ToList();
            var index = questionId is { } id ? questions.FindIndex(q => q.Id == id) : questions.Count;
            if (index < 0)
                return DraftEdit.Missing;
            if (AuthoringValidation.Question(body, questionId is null ? questions.Count + 1 : questions.Count) is { Count: > 0 } invalid)
                return DraftEdit.Invalid(invalid);

            var existing = index < questions.Count ? questions[index].Choices.Select(c => c.Id).ToHashSet() : [];
            // A kept id is used once: a choice listed twice gets a new id the second time.
            var choices = body.Choices!.Select(c => new Choice(
                c!.ChoiceId is { } keep && existing.Remove(keep) ? keep : Guid.CreateVersion7(), c.Text!.Trim(), c.Correct!.Value)).ToList();
            var question = new Question(questionId ?? Guid.CreateVersion7(), body.Type!, body.Text!.Trim(), body.CreditMode ?? CreditModes.AllOrNothing, choices);
            draft.Content = draft.Content with { Quiz = draft.Content.Quiz with { Questions = Place(questions, index, question, body.Position) } };
            return DraftEdit.Done;
        }, cancellationToken);
    }

    /// <summary>Puts <paramref name="item"/> at <paramref name="index"/> (replacing or appending), then moves it to the 1-based position asked for.</summary>
    private static List<T> Place<T>(List<T> items, int index, T item, int? position)
    {
        if (index < items.Count)
            items.RemoveAt(index);
        items.Insert(position is { } p ? p - 1 : Math.Min(index, items.Count), item);
        return items;
    }
}
