namespace CustomerPlatform.Training;

public static class CourseVersionStatus
{
    /// <summary>Being authored; only admins see it.</summary>
    public const string Draft = "draft";

    /// <summary>Frozen: enrollments pin it, so it never changes again.</summary>
    public const string Published = "published";
}
