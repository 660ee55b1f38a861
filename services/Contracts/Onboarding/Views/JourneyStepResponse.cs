namespace CustomerPlatform.Contracts.Onboarding;

public sealed record JourneyStepResponse(int Number, string Key, string Title, string Status, DateTimeOffset? CompletedAt, string? Note);
