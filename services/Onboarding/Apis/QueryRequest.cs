namespace CustomerPlatform.Onboarding;

public sealed record QueryRequest(string? Subject, string? Body);
