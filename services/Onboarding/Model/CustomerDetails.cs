namespace CustomerPlatform.Onboarding;

/// <summary>What the customer told us in the details form (step 5), shown to the approver of step 6.</summary>
public sealed record CustomerDetails(string Company, string JobTitle, int TeamSize, string? Goals, string Phone, string Timezone, DateTimeOffset SubmittedAt);
