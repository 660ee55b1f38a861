using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Onboarding;
using CustomerPlatform.Contracts.Training;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Onboarding;

/// <summary>Steps 7 and 8: a CSM is chosen and introduces themself; then the initial course is requested.</summary>
public static class SuccessManagerTransitions
{
    // Every active CSM row is locked, in id order (so two assignments never deadlock), for the whole
    // transaction: two journeys assigned at once see each other's counts.
    private const string LockSuccessManagersSql =
        "SELECT * FROM staff WHERE is_success_manager AND active ORDER BY id FOR UPDATE";

    public static async Task AssignAsync(JourneyContext journey)
    {
        if (!journey.Is(JourneySteps.SuccessManagerAssigned, StepStatuses.Active) && !journey.Is(JourneySteps.SuccessManagerAssigned, StepStatuses.Pending))
            return;

        var candidates = await journey.Db.Staff.FromSqlRaw(LockSuccessManagersSql).ToListAsync();
        var chosen = candidates
            .OrderBy(s => s.OpenJourneys)
            .ThenBy(s => s.LastAssignedAt ?? DateTimeOffset.MinValue)
            .ThenBy(s => s.Id)
            .FirstOrDefault();

        if (chosen is null)
        {
            // Retried by the saga's own schedule (Onboarding:Timeouts:SuccessManagerRetry) until a CSM is active.
            journey.Activate(JourneySteps.SuccessManagerAssigned, "Waiting for an available customer success manager.");
            journey.Saga.AwaitingSuccessManager = true;
            return;
        }

        chosen.OpenJourneys++;
        chosen.LastAssignedAt = journey.Now;
        journey.Saga.AwaitingSuccessManager = false;
        journey.Journey.SuccessManagerId = chosen.Id;
        journey.Journey.SuccessManagerName = chosen.DisplayName;
        journey.Journey.SuccessManagerEmail = chosen.Email;
        journey.Complete(JourneySteps.SuccessManagerAssigned);

        await journey.PublishAsync(new SuccessManagerAssigned
        {
            CustomerId = journey.CustomerId,
            SuccessManagerId = chosen.Id,
            SuccessManagerName = chosen.DisplayName,
            SuccessManagerEmail = chosen.Email,
            AssignedAt = journey.Now,
        });
        await journey.SendEmailAsync(EmailTemplates.SuccessManagerIntroduction, journey.Variables(
            ("managerName", chosen.DisplayName),
            ("managerEmail", chosen.Email),
            ("journeyLink", journey.Options.Link("/onboarding"))));
        journey.Activate(JourneySteps.IntroductionSent);
    }

    public static Task IntroductionDeliveredAsync(JourneyContext journey) => IntroducedAsync(journey, null);

    /// <summary>A failed introduction is noted, never a reason to stop the journey.</summary>
    public static Task IntroductionFailedAsync(JourneyContext journey, EmailFailed message) =>
        IntroducedAsync(journey, message.Reason.StartsWith(EmailFailureReasons.OptedOut + ":", StringComparison.Ordinal)
            ? "Not emailed: the customer turned off onboarding emails."
            : $"The introduction email could not be delivered ({message.Reason}).");

    private static async Task IntroducedAsync(JourneyContext journey, string? note)
    {
        if (!journey.Is(JourneySteps.IntroductionSent, StepStatuses.Active))
            return;
        journey.Complete(JourneySteps.IntroductionSent, note);
        await journey.PublishAsync(new EnrollInCourse { CustomerId = journey.CustomerId, Level = CourseLevels.Initial, CorrelationId = journey.CustomerId });
        journey.Activate(JourneySteps.InitialTrainingEnrolled);
    }
}
