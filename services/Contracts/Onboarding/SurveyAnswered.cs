namespace CustomerPlatform.Contracts.Onboarding;

/// <summary>The customer answered the follow-up survey after the journey.</summary>
public record SurveyAnswered
{
    public required Guid CustomerId { get; init; }
    public Guid? SuccessManagerId { get; init; }

    /// <summary>1 to 5.</summary>
    public required int Score { get; init; }

    public string? Comment { get; init; }
    public required DateTimeOffset AnsweredAt { get; init; }
}
