namespace CustomerPlatform.Contracts.Training;

/// <summary>
/// Enrolls a customer in the published course of <see cref="Level"/> (journey steps 9 and 17).
/// Idempotent by customer and course: a repeated command answers with the same
/// <see cref="CustomerEnrolled"/> and creates nothing.
/// </summary>
public record EnrollInCourse
{
    public required Guid CustomerId { get; init; }

    /// <summary>One of <see cref="CourseLevels"/>.</summary>
    public required string Level { get; init; }

    /// <summary>The journey that asked, echoed on <see cref="CustomerEnrolled"/>.</summary>
    public Guid? CorrelationId { get; init; }
}
