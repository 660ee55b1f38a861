namespace CustomerPlatform.Contracts.Training;

/// <summary>The two courses every customer meets in onboarding (journey steps 9–11 and 17–19).</summary>
public static class CourseLevels
{
    public const string Initial = "initial";
    public const string Advanced = "advanced";

    public static readonly IReadOnlyList<string> All = [Initial, Advanced];
}
