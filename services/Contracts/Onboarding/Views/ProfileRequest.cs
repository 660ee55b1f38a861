namespace CustomerPlatform.Contracts.Onboarding;

public sealed record ProfileRequest(string? Headline, string? Bio, List<string?>? Expertise);
