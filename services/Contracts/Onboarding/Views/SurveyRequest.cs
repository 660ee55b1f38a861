namespace CustomerPlatform.Contracts.Onboarding;

public sealed record SurveyRequest(int? Score, string? Comment);
