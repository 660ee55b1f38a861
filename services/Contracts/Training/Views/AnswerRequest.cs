namespace CustomerPlatform.Contracts.Training;

public sealed record AnswerRequest(Guid? QuestionId, List<Guid>? ChoiceIds);
