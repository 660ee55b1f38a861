namespace CustomerPlatform.Onboarding;

public sealed record DecisionRequest(string? Decision, string? Reason);
