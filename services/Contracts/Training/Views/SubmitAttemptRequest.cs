namespace CustomerPlatform.Contracts.Training;

public sealed record SubmitAttemptRequest(List<AnswerRequest?>? Answers);
