namespace CustomerPlatform.Contracts.Training;

public sealed record QuizProgress(Guid QuizId, decimal PassMark, int AttemptsAllowed, int AttemptsUsed, decimal? BestScore, bool Passed);
