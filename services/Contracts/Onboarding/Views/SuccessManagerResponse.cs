namespace CustomerPlatform.Contracts.Onboarding;

public sealed record SuccessManagerResponse(Guid Id, string DisplayName, string Email);
