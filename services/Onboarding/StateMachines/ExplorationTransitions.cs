using CustomerPlatform.Contracts.Onboarding;
using CustomerPlatform.Contracts.Ticketing;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Onboarding;

/// <summary>
/// Steps 12–16, in any order; 17 is offered once all of them are complete. The customer's requests
/// (<see cref="JourneyRequests"/>) return null when they took effect, else why they cannot.
/// </summary>
public static class ExplorationTransitions
{
    private const string NotOpenYet = "opens once the initial training is approved (step 11).";

    public static async Task<string?> ProfileSavedAsync(JourneyContext journey, SaveJourneyProfile message)
    {
        if (!journey.Journey.IsCompleted(JourneySteps.InitialTrainingApproved))
            return $"The profile {NotOpenYet}";

        // Saving again later updates the profile; only the first save completes the step.
        journey.Journey.Profile = new CustomerProfile(message.Headline, message.Bio, message.Expertise, message.SavedAt);
        journey.CustomerActed();
        if (journey.Is(JourneySteps.ProfileCompleted, StepStatuses.Active))
            journey.Complete(JourneySteps.ProfileCompleted);
        await AdvanceAsync(journey);
        return null;
    }

    /// <summary>Step 13's tools are stored with the journey: its "done" needs one at once.</summary>
    public static string? IntegrationConnected(JourneyContext journey, Integration integration)
    {
        if (!journey.Journey.IsCompleted(JourneySteps.InitialTrainingApproved))
            return $"Connecting tools {NotOpenYet}";
        journey.Db.Integrations.Add(integration);
        journey.CustomerActed();
        return null;
    }

    public static async Task<string?> FeatureExploredAsync(JourneyContext journey, ExploreFeature message)
    {
        if (!journey.Journey.IsCompleted(JourneySteps.InitialTrainingApproved))
            return $"The product tour {NotOpenYet}";

        var tour = journey.Options.Tour.Select(f => f.Feature).ToList();

        journey.CustomerActed();
        if (!journey.Journey.ExploredFeatures.Contains(message.Feature))
            journey.Journey.ExploredFeatures = [.. journey.Journey.ExploredFeatures, message.Feature];
        if (journey.Is(JourneySteps.ProductExplored, StepStatuses.Active) && tour.All(journey.Journey.ExploredFeatures.Contains))
            journey.Complete(JourneySteps.ProductExplored);
        await AdvanceAsync(journey);
        return null;
    }

    /// <summary>The question is stored and its ticket sent in the same transaction: step 16 waits for its answer.</summary>
    public static async Task<string?> QuestionAskedAsync(JourneyContext journey, AskOnboardingQuestion message)
    {
        if (!journey.Is(JourneySteps.QueriesAsked, StepStatuses.Active))
            return "Questions are taken while step 15 is active.";

        journey.CustomerActed();
        journey.Db.Questions.Add(new Question { TicketId = message.TicketId, CustomerId = journey.CustomerId, Subject = message.Subject, AskedAt = message.AskedAt.ToUniversalTime() });
        await journey.OpenTicketAsync(message.TicketId, TicketKinds.OnboardingQuestion, message.Subject, message.Body, journey.Journey.SuccessManagerId);
        return null;
    }

    public static async Task<string?> StepDoneAsync(JourneyContext journey, MarkJourneyStepDone message)
    {
        var step = JourneySteps.Find(message.Key);
        if (step is null || !JourneySteps.DoneByCustomer.Contains(step.Number))
            return $"'{message.Key}' is not a step the customer may finish.";
        if (!journey.Is(step.Number, StepStatuses.Active))
            return $"Step {step.Number} ({step.Key}) is not active.";
        if (step.Number == JourneySteps.ToolsIntegrated && !await journey.Db.Integrations.AnyAsync(i => i.CustomerId == journey.CustomerId))
            return "Connect at least one tool (POST /api/onboarding/journey/integrations) before finishing this step.";

        journey.CustomerActed();
        journey.Complete(step.Number, step.Number == JourneySteps.QueriesAsked ? "done" : null);
        await AdvanceAsync(journey);
        return null;
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
