namespace CustomerPlatform.Onboarding;

public sealed record ExplorationRequest(string? Feature);
