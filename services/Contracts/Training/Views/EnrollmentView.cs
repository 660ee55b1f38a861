namespace CustomerPlatform.Contracts.Training;

/// <summary>An enrollment as journey.md shows it, plus the course's version and title and the dates.</summary>
public sealed record EnrollmentView(
    Guid EnrollmentId, Guid CourseId, int CourseVersion, string Level, string Title, string Status,
    IReadOnlyList<ModuleProgress> Modules, QuizProgress Quiz, DateTimeOffset EnrolledAt, DateTimeOffset? CompletedAt);
