namespace CustomerPlatform.Contracts.Training;

/// <summary>The customer used the quiz's last attempt without passing; staff may grant extra attempts.</summary>
public record TrainingAttemptsExhausted
{
    public required Guid EnrollmentId { get; init; }
    public required Guid CustomerId { get; init; }
    public required Guid CourseId { get; init; }
    public required string Level { get; init; }
    public required decimal BestScore { get; init; }
    public required int AttemptsUsed { get; init; }
    public required DateTimeOffset ExhaustedAt { get; init; }
}
