using CustomerPlatform.Contracts.Onboarding;
using CustomerPlatform.Contracts.Ticketing;
using CustomerPlatform.Contracts.Training;
using MassTransit;

namespace CustomerPlatform.Onboarding;

/// <summary>Steps 9–10 and 17–18: the two courses, following Training's events.</summary>
public static class TrainingTransitions
{
    public static void Enrolled(JourneyContext journey, CustomerEnrolled message)
    {
        if (message.Level == CourseLevels.Initial && journey.Is(JourneySteps.InitialTrainingEnrolled, StepStatuses.Active))
        {
            journey.Complete(JourneySteps.InitialTrainingEnrolled);
            journey.Activate(JourneySteps.InitialTrainingCompleted);
        }
        else if (message.Level == CourseLevels.Advanced && journey.Is(JourneySteps.AdvancedTrainingCompleted, StepStatuses.Active))
        {
            journey.Note(JourneySteps.AdvancedTrainingCompleted, "Enrolled in the advanced course.");
        }
    }

    public static void Completed(JourneyContext journey, TrainingCompleted message)
    {
        var (completes, approval) = Steps(message.Level);

        // Enrollment is implied by a completed course, should its event be late.
        if (message.Level == CourseLevels.Initial && journey.Is(JourneySteps.InitialTrainingEnrolled, StepStatuses.Active))
        {
            journey.Complete(JourneySteps.InitialTrainingEnrolled);
            journey.Activate(JourneySteps.InitialTrainingCompleted);
        }

        if (!journey.Is(completes, StepStatuses.Active))
        {
            journey.Ignore(nameof(TrainingCompleted), $"step {completes} is not active");
            return;
        }

        journey.CustomerActed();
        journey.Complete(completes, $"Quiz passed with {message.Score:0.#}% after {message.Attempts} attempt(s).");
        journey.RequestApproval(approval);
    }

    /// <summary>The customer used every quiz attempt: their CSM gets a ticket (step 10 or 18 notes it).</summary>
    public static async Task AttemptsExhaustedAsync(JourneyContext journey, TrainingAttemptsExhausted message)
    {
        var (step, _) = Steps(message.Level);
        if (!journey.Is(step, StepStatuses.Active))
            return;
        if (journey.Saga.ExtraAttemptsGrantedAt >= message.ExhaustedAt.ToUniversalTime())
        {
            journey.Ignore(nameof(TrainingAttemptsExhausted), "extra attempts were granted after it");
            return;
        }

        await journey.OpenTicketAsync(
            NewId.NextGuid(),
            TicketKinds.TrainingAttemptsExhausted,
            $"{journey.Journey.CustomerName} used every quiz attempt of the {message.Level} course",
            $"Best score {message.BestScore:0.#}% after {message.AttemptsUsed} attempts. Consider granting extra attempts.",
            journey.Journey.SuccessManagerId);
        journey.Note(step, "Every quiz attempt is used; your success manager has been asked to help.");
    }

    /// <summary>
    /// Staff granted more quiz attempts: step 10 (or 18) is the customer's again, with a note saying so
    /// instead of the exhausted-attempts one. A grant that arrives before the exhaustion it answers is
    /// remembered, so that exhaustion opens no ticket and leaves no note.
    /// </summary>
    public static void ExtraAttemptsGranted(JourneyContext journey, ExtraAttemptsGranted message)
    {
        var grantedAt = message.GrantedAt.ToUniversalTime();
        if (journey.Saga.ExtraAttemptsGrantedAt is null || journey.Saga.ExtraAttemptsGrantedAt < grantedAt)
            journey.Saga.ExtraAttemptsGrantedAt = grantedAt;

        var (step, _) = Steps(message.Level);
        if (journey.Is(step, StepStatuses.Active))
            journey.Activate(step, $"Your success manager gave you {message.Count} more quiz attempt(s).");
    }

    /// <summary>Step 17: accepted → the advanced course; declined → 18 and 19 skipped and the journey completes.</summary>
    public static async Task<string?> OfferAnsweredAsync(JourneyContext journey, AnswerAdvancedTrainingOffer message)
    {
        if (!journey.Is(JourneySteps.AdvancedTrainingOffered, StepStatuses.Active))
            return "Advanced training is not on offer: step 17 is not active.";

        journey.CustomerActed();
        if (message.Accept)
        {
            journey.Complete(JourneySteps.AdvancedTrainingOffered, "accepted");
            await journey.PublishAsync(new EnrollInCourse { CustomerId = journey.CustomerId, Level = CourseLevels.Advanced, CorrelationId = journey.CustomerId });
            journey.Activate(JourneySteps.AdvancedTrainingCompleted);
            return null;
        }

        journey.Complete(JourneySteps.AdvancedTrainingOffered, "declined");
        journey.Set(JourneySteps.AdvancedTrainingCompleted, StepStatuses.Skipped);
        journey.Set(JourneySteps.AdvancedTrainingApproved, StepStatuses.Skipped);
        await CompletionTransitions.CompleteJourneyAsync(journey, advancedTrainingTaken: false);
        return null;
    }

    /// <summary>The training step a course completes and the approval that follows it.</summary>
    public static (int Completes, int Approval) Steps(string level) => level == CourseLevels.Advanced
        ? (JourneySteps.AdvancedTrainingCompleted, JourneySteps.AdvancedTrainingApproved)
        : (JourneySteps.InitialTrainingCompleted, JourneySteps.InitialTrainingApproved);
}
