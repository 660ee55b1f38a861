namespace CustomerPlatform.Onboarding;

public static class JourneyStatuses
{
    public const string InProgress = "in-progress";
    public const string Completed = "completed";
}
