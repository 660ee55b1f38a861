namespace CustomerPlatform.Contracts.Onboarding;

public sealed record ExplorationRequest(string? Feature);
