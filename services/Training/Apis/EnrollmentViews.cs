namespace CustomerPlatform.Training;

/// <summary>An enrollment with its course version's content, as the learner's view shows it.</summary>
internal static class EnrollmentViews
{
    public static EnrollmentView Of(Enrollment e, string title, CourseContent content) => new(
        e.Id, e.CourseId, e.CourseVersion, e.Level, title, e.Status,
        content.Modules.Select(m => new ModuleProgress(m.Id, m.Title, e.CompletedModules.Contains(m.Id))).ToList(),
        new QuizProgress(content.Quiz.Id, content.Quiz.PassMark, e.AttemptsAllowed, e.AttemptsUsed, e.BestScore, e.Passed),
        e.EnrolledAt, e.CompletedAt);
}
