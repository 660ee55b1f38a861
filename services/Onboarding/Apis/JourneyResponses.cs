namespace CustomerPlatform.Onboarding;

/// <summary>A journey as its owner and staff read it.</summary>
internal static class JourneyResponses
{
    public static JourneyResponse From(Journey journey) => new(
        journey.CustomerId,
        journey.Status,
        journey.Steps.Select(s =>
        {
            var step = JourneySteps.Get(s.Number);
            return new JourneyStepResponse(step.Number, step.Key, step.Title, s.Status, s.CompletedAt, s.Note);
        }).ToList(),
        journey.SuccessManagerId is { } id ? new SuccessManagerResponse(id, journey.SuccessManagerName ?? "", journey.SuccessManagerEmail ?? "") : null,
        journey.Survey is { } survey ? new SurveyResponse(survey.Score, survey.Comment, survey.AnsweredAt) : null);
}
