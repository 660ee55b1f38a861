namespace CustomerPlatform.Contracts.Onboarding;

public sealed record HelpRequest(string? Body);
