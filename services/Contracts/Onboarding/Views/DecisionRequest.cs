namespace CustomerPlatform.Contracts.Onboarding;

public sealed record DecisionRequest(string? Decision, string? Reason);
