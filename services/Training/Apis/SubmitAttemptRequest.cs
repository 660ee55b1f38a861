namespace CustomerPlatform.Training;

public sealed record SubmitAttemptRequest(List<AnswerRequest?>? Answers);
