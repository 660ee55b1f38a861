namespace CustomerPlatform.Training;

/// <summary>A course version for its authors: with the correct choices and credit modes, and the course's versions.</summary>
public sealed record AdminCourseView(
    Guid CourseId, string Level, int Version, string Status, string Title, string Description, DateTimeOffset? PublishedAt,
    IReadOnlyList<ModuleView> Modules, AdminQuizView Quiz, IReadOnlyList<VersionSummary> Versions)
{
    public static AdminCourseView Of(string level, CourseVersion v, IReadOnlyList<VersionSummary> versions) => new(
        v.CourseId, level, v.Version, v.Status, v.Title, v.Description, v.PublishedAt,
        v.Content.Modules.Select(m => new ModuleView(m.Id, m.Title, m.Content, m.EstimatedMinutes)).ToList(),
        new AdminQuizView(v.Content.Quiz.Id, v.Content.Quiz.PassMark, v.Content.Quiz.AttemptsAllowed,
            v.Content.Quiz.Questions.Select(q => new AdminQuestionView(q.Id, q.Type, q.Text, q.CreditMode,
                q.Choices.Select(c => new ChoiceView(c.Id, c.Text)).ToList(), q.CorrectChoiceIds.ToList())).ToList()),
        versions);
}
