namespace CustomerPlatform.Training;

/// <summary>One lesson of a course; <see cref="Content"/> is Markdown.</summary>
public sealed record CourseModule(Guid Id, string Title, string Content, int EstimatedMinutes);
