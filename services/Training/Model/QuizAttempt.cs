namespace CustomerPlatform.Training;

/// <summary>One submitted attempt at an enrollment's quiz, with the answers as given and their credit.</summary>
public sealed class QuizAttempt
{
    public Guid Id { get; init; }
    public Guid EnrollmentId { get; init; }
    public Guid CustomerId { get; init; }
    public int Number { get; init; }
    public required IReadOnlyList<QuizAnswer> Answers { get; init; }
    public decimal Score { get; init; }
    public bool Passed { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset SubmittedAt { get; init; }
}
