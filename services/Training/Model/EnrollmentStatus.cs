namespace CustomerPlatform.Training;

public static class EnrollmentStatus
{
    public const string InProgress = "in-progress";
    public const string Completed = "completed";
    public const string AttemptsExhausted = "attempts-exhausted";
}
