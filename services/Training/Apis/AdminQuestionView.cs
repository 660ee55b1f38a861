namespace CustomerPlatform.Training;

public sealed record AdminQuestionView(Guid QuestionId, string Type, string Text, string CreditMode, IReadOnlyList<ChoiceView> Choices, IReadOnlyList<Guid> CorrectChoiceIds);
