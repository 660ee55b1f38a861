namespace CustomerPlatform.Contracts.Training;

/// <summary>Every module of the enrollment is done and its quiz passed (journey steps 10 and 18).</summary>
public record TrainingCompleted
{
    public required Guid EnrollmentId { get; init; }
    public required Guid CustomerId { get; init; }
    public required Guid CourseId { get; init; }
    public required string Level { get; init; }

    /// <summary>The best attempt's score, in percent (0–100).</summary>
    public required decimal Score { get; init; }

    /// <summary>Quiz attempts used so far.</summary>
    public required int Attempts { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }
}
