namespace CustomerPlatform.Onboarding;

public sealed record HelpRequest(string? Body);
