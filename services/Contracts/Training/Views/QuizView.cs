namespace CustomerPlatform.Contracts.Training;

/// <summary>The quiz as a learner sees it; <see cref="AttemptNumber"/> is the attempt the order was shuffled for.</summary>
public sealed record QuizView(Guid QuizId, decimal PassMark, int AttemptsAllowed, int? AttemptNumber, IReadOnlyList<QuestionView> Questions);
