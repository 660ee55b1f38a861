namespace CustomerPlatform.Training;

/// <summary>
/// A customer in one course, pinned to the version they started with. It is completed when every
/// module is done and the quiz is passed, in either order; <see cref="Completed"/> says when that
/// happens so the caller publishes TrainingCompleted exactly once per completion.
/// </summary>
public sealed class Enrollment
{
    public Guid Id { get; init; }
    public Guid CustomerId { get; init; }
    public Guid CourseId { get; init; }
    public int CourseVersion { get; init; }
    public required string Level { get; init; }
    public string Status { get; set; } = EnrollmentStatus.InProgress;
    public int AttemptsAllowed { get; set; }
    public int AttemptsUsed { get; set; }

    /// <summary>The best score (percent) since the enrollment was started or last reopened; null before any attempt.</summary>
    public decimal? BestScore { get; set; }
    public bool Passed { get; set; }
    public List<Guid> CompletedModules { get; set; } = [];

    /// <summary>ReopenTraining commands already applied (the command is idempotent by its ReopenId).</summary>
    public List<Guid> AppliedReopens { get; set; } = [];

    /// <summary>When the customer first opened the quiz for the attempt they have not submitted yet.</summary>
    public DateTimeOffset? AttemptStartedAt { get; set; }
    public DateTimeOffset EnrolledAt { get; init; }
    public DateTimeOffset? CompletedAt { get; set; }
    public Guid? CorrelationId { get; init; }

    /// <summary>PostgreSQL's xmin: two requests changing the enrollment at once cannot both win.</summary>
    public uint RowVersion { get; set; }

    public int AttemptsLeft => Math.Max(0, AttemptsAllowed - AttemptsUsed);

    /// <summary>The number of the next attempt (also the shuffle's seed for the questions the customer sees).</summary>
    public int NextAttemptNumber => AttemptsUsed + 1;

    /// <summary>Marks a module done; true when that completes the enrollment.</summary>
    public bool CompleteModule(Guid moduleId, CourseContent content, DateTimeOffset now)
    {
        if (!CompletedModules.Contains(moduleId))
            CompletedModules = [.. CompletedModules, moduleId];
        return TryComplete(content, now);
    }

    /// <summary>Records a graded attempt; true when that completes the enrollment.</summary>
    public bool RecordAttempt(decimal score, bool passed, CourseContent content, DateTimeOffset now)
    {
        AttemptsUsed++;
        AttemptStartedAt = null;
        BestScore = BestScore is { } best ? Math.Max(best, score) : score;
        Passed |= passed;
        if (!Passed && AttemptsLeft == 0)
            Status = EnrollmentStatus.AttemptsExhausted;
        return TryComplete(content, now);
    }

    public void GrantAttempts(int count)
    {
        AttemptsAllowed += count;
        if (Status == EnrollmentStatus.AttemptsExhausted)
            Status = EnrollmentStatus.InProgress;
    }

    /// <summary>A staff member rejected the training: the quiz must be passed again, with a fresh set of attempts.</summary>
    public bool Reopen(Guid reopenId, int quizAttempts)
    {
        if (AppliedReopens.Contains(reopenId))
            return false;
        AppliedReopens = [.. AppliedReopens, reopenId];
        Status = EnrollmentStatus.InProgress;
        Passed = false;
        BestScore = null;
        CompletedAt = null;
        AttemptsAllowed = AttemptsUsed + quizAttempts;
        return true;
    }

    private bool TryComplete(CourseContent content, DateTimeOffset now)
    {
        if (Status == EnrollmentStatus.Completed || !Passed || content.Modules.Any(m => !CompletedModules.Contains(m.Id)))
            return false;
        Status = EnrollmentStatus.Completed;
        CompletedAt = now;
        return true;
    }
}
