namespace CustomerPlatform.Training;

/// <summary>One version of a course: a draft an admin edits, or a published, frozen one.</summary>
public sealed class CourseVersion
{
    public Guid CourseId { get; init; }
    public int Version { get; init; }
    public string Status { get; set; } = CourseVersionStatus.Draft;
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public required CourseContent Content { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>PostgreSQL's xmin: two admins saving the same draft at once cannot both win.</summary>
    public uint RowVersion { get; set; }

    public bool IsDraft => Status == CourseVersionStatus.Draft;
}
