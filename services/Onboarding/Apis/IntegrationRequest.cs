namespace CustomerPlatform.Onboarding;

public sealed record IntegrationRequest(string? Kind, string? Provider, string? Account);
