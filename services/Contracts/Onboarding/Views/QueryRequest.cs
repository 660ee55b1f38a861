namespace CustomerPlatform.Contracts.Onboarding;

public sealed record QueryRequest(string? Subject, string? Body);
