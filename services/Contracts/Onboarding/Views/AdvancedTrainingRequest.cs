namespace CustomerPlatform.Contracts.Onboarding;

public sealed record AdvancedTrainingRequest(bool? Accept);
