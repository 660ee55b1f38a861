namespace CustomerPlatform.Contracts.Training;

/// <summary>Training enrolled the customer (the answer to <see cref="EnrollInCourse"/>, also on a repeat).</summary>
public record CustomerEnrolled
{
    public required Guid EnrollmentId { get; init; }
    public required Guid CustomerId { get; init; }
    public required Guid CourseId { get; init; }
    public required int CourseVersion { get; init; }
    public required string Level { get; init; }
    public required DateTimeOffset EnrolledAt { get; init; }
    public Guid? CorrelationId { get; init; }
}
