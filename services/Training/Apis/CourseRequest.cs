namespace CustomerPlatform.Training;

/// <summary>Creates a course (level required) or updates its draft's settings (level ignored).</summary>
public sealed record CourseRequest(string? Level, string? Title, string? Description, decimal? PassMark, int? AttemptsAllowed);
