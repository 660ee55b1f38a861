namespace CustomerPlatform.Onboarding;

/// <summary>The customer's personal profile (step 12).</summary>
public sealed record CustomerProfile(string Headline, string Bio, IReadOnlyList<string> Expertise, DateTimeOffset SavedAt);
