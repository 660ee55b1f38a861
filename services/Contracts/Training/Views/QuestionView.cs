namespace CustomerPlatform.Contracts.Training;

public sealed record QuestionView(Guid QuestionId, string Type, string Text, IReadOnlyList<ChoiceView> Choices);
