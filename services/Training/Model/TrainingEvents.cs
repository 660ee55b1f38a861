using CustomerPlatform.Contracts.Training;

namespace CustomerPlatform.Training;

/// <summary>The events an enrollment's changes publish.</summary>
public static class TrainingEvents
{
    public static CustomerEnrolled Enrolled(Enrollment e, Guid? correlationId) => new()
    {
        EnrollmentId = e.Id,
        CustomerId = e.CustomerId,
        CourseId = e.CourseId,
        CourseVersion = e.CourseVersion,
        Level = e.Level,
        EnrolledAt = e.EnrolledAt,
        CorrelationId = correlationId,
    };

    public static TrainingCompleted Completed(Enrollment e) => new()
    {
        EnrollmentId = e.Id,
        CustomerId = e.CustomerId,
        CourseId = e.CourseId,
        Level = e.Level,
        Score = e.BestScore ?? 0m,
        Attempts = e.AttemptsUsed,
        CompletedAt = e.CompletedAt!.Value,
    };

    public static TrainingAttemptsExhausted Exhausted(Enrollment e, DateTimeOffset now) => new()
    {
        EnrollmentId = e.Id,
        CustomerId = e.CustomerId,
        CourseId = e.CourseId,
        Level = e.Level,
        BestScore = e.BestScore ?? 0m,
        AttemptsUsed = e.AttemptsUsed,
        ExhaustedAt = now,
    };
}
