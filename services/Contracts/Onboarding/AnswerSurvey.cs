namespace CustomerPlatform.Contracts.Onboarding;

/// <summary>Internal to Onboarding: the customer answered the follow-up survey; the journey records it and publishes <see cref="SurveyAnswered"/>.</summary>
public record AnswerSurvey
{
    public required Guid CustomerId { get; init; }
    public required int Score { get; init; }
    public string? Comment { get; init; }
    public required DateTimeOffset AnsweredAt { get; init; }
}
