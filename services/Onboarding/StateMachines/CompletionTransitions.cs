using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Onboarding;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Onboarding;

/// <summary>The end of the journey and the follow-up survey.</summary>
public static class CompletionTransitions
{
    public static async Task CompleteJourneyAsync(JourneyContext journey, bool advancedTrainingTaken)
    {
        journey.Journey.Status = JourneyStatuses.Completed;
        journey.Journey.CompletedAt = journey.Now;
        journey.Saga.PendingApprovalId = null;

        var csm = journey.Journey.SuccessManagerId;
        if (csm is not null)
        {
            await journey.Db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE staff SET open_journeys = GREATEST(open_journeys - 1, 0) WHERE id = {csm}");
        }

        await journey.PublishAsync(new OnboardingCompleted
        {
            CustomerId = journey.CustomerId,
            SuccessManagerId = csm,
            AdvancedTrainingTaken = advancedTrainingTaken,
            CompletedAt = journey.Now,
        });
        await journey.SendEmailAsync(EmailTemplates.SatisfactionSurvey, journey.Variables(
            ("managerName", journey.Journey.SuccessManagerName ?? "Your customer success team"),
            ("surveyLink", journey.Options.Link("/onboarding/survey"))));
    }

    public static async Task<string?> SurveyAnsweredAsync(JourneyContext journey, AnswerSurvey message)
    {
        if (journey.Journey.Status != JourneyStatuses.Completed)
            return "The survey opens when the journey is complete.";
        if (journey.Journey.Survey is not null)
            return "The survey is already answered.";

        journey.Journey.Survey = new Survey(message.Score, message.Comment, message.AnsweredAt);
        await journey.PublishAsync(new SurveyAnswered
        {
            CustomerId = journey.CustomerId,
            SuccessManagerId = journey.Journey.SuccessManagerId,
            Score = message.Score,
            Comment = message.Comment,
            AnsweredAt = message.AnsweredAt,
        });
        return null;
    }
}
