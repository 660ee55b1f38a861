namespace CustomerPlatform.Training;

/// <summary>A course in the authors' list: its latest version (draft or published) and the version learners get.</summary>
public sealed record AuthoredCourse(Guid CourseId, string Level, string Title, int LatestVersion, string LatestStatus, int? PublishedVersion);
