namespace CustomerPlatform.Training;

/// <summary>A course: its identity and level. What it contains lives in its <see cref="CourseVersion"/>s.</summary>
public sealed class Course
{
    public Guid Id { get; init; }
    public required string Level { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public List<CourseVersion> Versions { get; init; } = [];
}
