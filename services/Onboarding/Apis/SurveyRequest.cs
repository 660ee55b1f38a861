namespace CustomerPlatform.Onboarding;

public sealed record SurveyRequest(int? Score, string? Comment);
