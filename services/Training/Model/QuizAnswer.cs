namespace CustomerPlatform.Training;

/// <summary>The choices picked for one question, as stored with its attempt.</summary>
public sealed record QuizAnswer(Guid QuestionId, IReadOnlyList<Guid> ChoiceIds, decimal Credit);
