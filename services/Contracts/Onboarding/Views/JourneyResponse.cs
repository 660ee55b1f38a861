namespace CustomerPlatform.Contracts.Onboarding;

/// <summary>The journey as journey.md fixes it, plus the follow-up survey's answer.</summary>
public sealed record JourneyResponse(
    Guid CustomerId,
    string Status,
    IReadOnlyList<JourneyStepResponse> Steps,
    SuccessManagerResponse? SuccessManager,
    SurveyResponse? Survey);
