namespace CustomerPlatform.Contracts.Onboarding;

public sealed record SurveyResponse(int Score, string? Comment, DateTimeOffset AnsweredAt);
