namespace CustomerPlatform.Contracts.Onboarding;

public sealed record DetailsRequest(string? Company, string? JobTitle, int? TeamSize, string? Goals, string? Phone, string? Timezone);
