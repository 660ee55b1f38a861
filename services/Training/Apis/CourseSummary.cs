namespace CustomerPlatform.Training;

public sealed record CourseSummary(Guid CourseId, string Level, int Version, string Title, string Description, int ModuleCount, int QuestionCount, int EstimatedMinutes);
