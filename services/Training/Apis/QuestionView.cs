namespace CustomerPlatform.Training;

public sealed record QuestionView(Guid QuestionId, string Type, string Text, IReadOnlyList<ChoiceView> Choices);
