namespace CustomerPlatform.Training;

public sealed record AdminQuizView(Guid QuizId, decimal PassMark, int AttemptsAllowed, IReadOnlyList<AdminQuestionView> Questions);
