namespace CustomerPlatform.Contracts.Onboarding;

public sealed record IntegrationRequest(string? Kind, string? Provider, string? Account);
