namespace CustomerPlatform.Contracts.Onboarding;

/// <summary>The kinds of tools step 13 accepts (journey.md).</summary>
public static class IntegrationKinds
{
    public static readonly IReadOnlyList<string> All = ["calendar", "project-management", "note-taking", "communication", "social-media"];
}
