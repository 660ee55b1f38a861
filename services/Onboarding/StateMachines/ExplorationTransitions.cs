using CustomerPlatform.Contracts.Onboarding;
using CustomerPlatform.Contracts.Ticketing;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Onboarding;

/// <summary>Steps 12–16, in any order; 17 is offered once all of them are complete.</summary>
public static class ExplorationTransitions
{
    public static async Task ProfileSavedAsync(JourneyContext journey, SaveJourneyProfile message)
    {
        if (!journey.Journey.IsCompleted(JourneySteps.InitialTrainingApproved))
        {
            journey.Ignore(nameof(SaveJourneyProfile), "step 12 is not open yet");
            return;
        }

        // Saving again later updates the profile; only the first save completes the step.
        journey.Journey.Profile = new CustomerProfile(message.Headline, message.Bio, message.Expertise, message.SavedAt);
        journey.CustomerActed();
        if (journey.Is(JourneySteps.ProfileCompleted, StepStatuses.Active))
            journey.Complete(JourneySteps.ProfileCompleted);
        await AdvanceAsync(journey);
    }

    public static void IntegrationConnected(JourneyContext journey) => journey.CustomerActed();

    public static async Task FeatureExploredAsync(JourneyContext journey, ExploreFeature message)
    {
        var tour = journey.Options.Tour.Select(f => f.Feature).ToList();
        if (!tour.Contains(message.Feature) || !journey.Journey.IsCompleted(JourneySteps.InitialTrainingApproved))
        {
            journey.Ignore(nameof(ExploreFeature), $"'{message.Feature}' is not on the tour, or step 14 is not open yet");
            return;
        }

        journey.CustomerActed();
        if (!journey.Journey.ExploredFeatures.Contains(message.Feature))
            journey.Journey.ExploredFeatures = [.. journey.Journey.ExploredFeatures, message.Feature];
        if (journey.Is(JourneySteps.ProductExplored, StepStatuses.Active) && tour.All(journey.Journey.ExploredFeatures.Contains))
            journey.Complete(JourneySteps.ProductExplored);
        await AdvanceAsync(journey);
    }

    public static async Task QuestionAskedAsync(JourneyContext journey, AskOnboardingQuestion message)
    {
        if (!journey.Is(JourneySteps.QueriesAsked, StepStatuses.Active))
        {
            journey.Ignore(nameof(AskOnboardingQuestion), "step 15 is not active");
            return;
        }

        journey.CustomerActed();
        journey.Db.Questions.Add(new Question { TicketId = message.TicketId, CustomerId = journey.CustomerId, Subject = message.Subject, AskedAt = message.AskedAt.ToUniversalTime() });
        await journey.OpenTicketAsync(message.TicketId, TicketKinds.OnboardingQuestion, message.Subject, message.Body, journey.Journey.SuccessManagerId);
    }

    public static async Task StepDoneAsync(JourneyContext journey, MarkJourneyStepDone message)
    {
        var step = JourneySteps.Find(message.Key);
        if (step is null || !JourneySteps.DoneByCustomer.Contains(step.Number) || !journey.Is(step.Number, StepStatuses.Active))
        {
            journey.Ignore(nameof(MarkJourneyStepDone), $"'{message.Key}' is not an active step the customer may finish");
            return;
        }

        if (step.Number == JourneySteps.ToolsIntegrated && !await journey.Db.Integrations.AnyAsync(i => i.CustomerId == journey.CustomerId))
        {
            journey.Ignore(nameof(MarkJourneyStepDone), "no integration is connected");
            return;
        }

        journey.CustomerActed();
        journey.Complete(step.Number, step.Number == JourneySteps.QueriesAsked ? "done" : null);
        await AdvanceAsync(journey);
    }

    public static async Task TicketAnsweredAsync(JourneyContext journey, TicketAnswered message)
    {
        if (message.Kind != TicketKinds.OnboardingQuestion)
            return;

        var question = await journey.Db.Questions.FindAsync(message.TicketId);
        if (question is null || question.CustomerId != journey.CustomerId)
            return;
        question.AnsweredAt ??= message.AnsweredAt.ToUniversalTime();

        if (journey.Is(JourneySteps.QueriesAnswered, StepStatuses.Active) && !await journey.HasUnansweredQuestionsAsync(except: question.TicketId))
            journey.Complete(JourneySteps.QueriesAnswered);
        await AdvanceAsync(journey);
    }

    /// <summary>16 opens when 15 is done (and completes at once with nothing left to answer); 17 when 12–16 are all complete.</summary>
    private static async Task AdvanceAsync(JourneyContext journey)
    {
        if (journey.Journey.IsCompleted(JourneySteps.QueriesAsked) && journey.Is(JourneySteps.QueriesAnswered, StepStatuses.Pending))
        {
            journey.Activate(JourneySteps.QueriesAnswered);
            if (!await journey.HasUnansweredQuestionsAsync())
                journey.Complete(JourneySteps.QueriesAnswered);
        }

        var explored = Enumerable.Range(JourneySteps.ProfileCompleted, 5).All(journey.Journey.IsCompleted);
        if (explored && journey.Is(JourneySteps.AdvancedTrainingOffered, StepStatuses.Pending))
            journey.Activate(JourneySteps.AdvancedTrainingOffered);
    }
}
