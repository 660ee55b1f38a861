namespace CustomerPlatform.Contracts.Onboarding;

public sealed record IntegrationResponse(Guid IntegrationId, string Kind, string Provider, string Account, DateTimeOffset ConnectedAt);
