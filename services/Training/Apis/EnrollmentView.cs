namespace CustomerPlatform.Training;

/// <summary>An enrollment as journey.md shows it, plus the course's version and title and the dates.</summary>
public sealed record EnrollmentView(
    Guid EnrollmentId, Guid CourseId, int CourseVersion, string Level, string Title, string Status,
    IReadOnlyList<ModuleProgress> Modules, QuizProgress Quiz, DateTimeOffset EnrolledAt, DateTimeOffset? CompletedAt)
{
    public static EnrollmentView Of(Enrollment e, string title, CourseContent content) => new(
        e.Id, e.CourseId, e.CourseVersion, e.Level, title, e.Status,
        content.Modules.Select(m => new ModuleProgress(m.Id, m.Title, e.CompletedModules.Contains(m.Id))).ToList(),
        new QuizProgress(content.Quiz.Id, content.Quiz.PassMark, e.AttemptsAllowed, e.AttemptsUsed, e.BestScore, e.Passed),
        e.EnrolledAt, e.CompletedAt);
}
