namespace CustomerPlatform.Onboarding;

public sealed record AdvancedTrainingRequest(bool? Accept);
