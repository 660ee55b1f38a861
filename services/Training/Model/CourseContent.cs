namespace CustomerPlatform.Training;

/// <summary>
/// What a course version teaches and asks, kept as one document (jsonb): a published version is read
/// whole and never changed, so grading and the course page need one row, and ids of modules, questions
/// and choices stay the same from one version to the next.
/// </summary>
public sealed record CourseContent(IReadOnlyList<CourseModule> Modules, Quiz Quiz);
