namespace CustomerPlatform.Contracts.Training;

/// <summary>
/// A course as a learner sees it: never the correct choices nor how a question is credited.
/// <see cref="EnrollmentId"/> is set when the caller is enrolled (the version shown is then theirs).
/// </summary>
public sealed record CourseView(
    Guid CourseId, string Level, int Version, string Title, string Description,
    IReadOnlyList<ModuleView> Modules, QuizView Quiz, Guid? EnrollmentId);
