namespace CustomerPlatform.Training;

/// <summary>The authorization policies of the Training API.</summary>
public static class TrainingPolicies
{
    public const string Staff = "training-staff";
    public const string GrantAttempts = "training-grant-attempts";
    public const string Author = "training-author";
}
