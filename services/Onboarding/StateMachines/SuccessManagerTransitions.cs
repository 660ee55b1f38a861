using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Onboarding;
using CustomerPlatform.Contracts.Training;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Onboarding;

/// <summary>
/// Steps 7 and 8: a CSM is chosen and introduces themself; then the initial course is requested. Later,
/// a CSM who leaves hands their journeys over to the least loaded one.
/// </summary>
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
        var chosen = LeastLoaded(candidates);

        if (chosen is null)
        {
            // Retried by the saga's own schedule (Onboarding:Timeouts:SuccessManagerRetry) until a CSM is active.
            journey.Activate(JourneySteps.SuccessManagerAssigned, "Waiting for an available customer success manager.");
            journey.Saga.AwaitingSuccessManager = true;
            return;
        }

        journey.Saga.AwaitingSuccessManager = false;
        await GiveToAsync(journey, chosen, previous: null);
        journey.Complete(JourneySteps.SuccessManagerAssigned);
        await journey.SendEmailAsync(EmailTemplates.SuccessManagerIntroduction, journey.Variables(
            ("managerName", chosen.DisplayName),
            ("managerEmail", chosen.Email),
            ("journeyLink", journey.Options.Link("/onboarding"))));
        journey.Activate(JourneySteps.IntroductionSent);
    }

    /// <summary>
    /// The journey's CSM is no longer an active CSM (deactivated, or the role taken away): the least
    /// loaded active CSM takes the journey over, with its pending approvals; the customer is told who
    /// their new CSM is, and <see cref="SuccessManagerAssigned"/> (with the previous CSM) lets Ticketing
    /// hand the open tickets over. With no active CSM the journey keeps its CSM until the next staff
    /// change sweeps it again (<see cref="StaffAccountChangedConsumer"/>). Repeated, it changes nothing.
    /// </summary>
    public static async Task HandOverAsync(JourneyContext journey, SuccessManagerHandoverDue _)
    {
        if (journey.Journey.SuccessManagerId is not { } previous || journey.Journey.Status != JourneyStatuses.InProgress)
            return;

        var candidates = await journey.Db.Staff.FromSqlRaw(LockSuccessManagersSql).ToListAsync();
        if (candidates.Any(s => s.Id == previous) || LeastLoaded(candidates) is not { } chosen)
            return;

        await journey.Db.Database.ExecuteSqlAsync(
            $"UPDATE staff SET open_journeys = GREATEST(open_journeys - 1, 0) WHERE id = {previous}");
        var previousName = journey.Journey.SuccessManagerName ?? "";
        await journey.Db.Approvals
            .Where(a => a.CustomerId == journey.CustomerId && a.SuccessManagerId == previous && a.Status == ApprovalStatuses.Pending)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.SuccessManagerId, chosen.Id));
        await GiveToAsync(journey, chosen, previous);
        await journey.SendEmailAsync(EmailTemplates.SuccessManagerChanged, journey.Variables(
            ("managerName", chosen.DisplayName),
            ("managerEmail", chosen.Email),
            ("previousManagerName", previousName),
            ("journeyLink", journey.Options.Link("/onboarding"))));
    }

    // The journey becomes the chosen CSM's, counted in their load, and the platform hears of it.
    private static Task GiveToAsync(JourneyContext journey, StaffMember chosen, Guid? previous)
    {
        chosen.OpenJourneys++;
        chosen.LastAssignedAt = journey.Now;
        journey.Journey.SuccessManagerId = chosen.Id;
        journey.Journey.SuccessManagerName = chosen.DisplayName;
        journey.Journey.SuccessManagerEmail = chosen.Email;
        return journey.PublishAsync(new SuccessManagerAssigned
        {
            CustomerId = journey.CustomerId,
            SuccessManagerId = chosen.Id,
            SuccessManagerName = chosen.DisplayName,
            SuccessManagerEmail = chosen.Email,
            AssignedAt = journey.Now,
            PreviousSuccessManagerId = previous,
        });
    }

    // The fewest open journeys, then the longest since their last one.
    private static StaffMember? LeastLoaded(IEnumerable<StaffMember> candidates) =>
        candidates
            .OrderBy(s => s.OpenJourneys)
            .ThenBy(s => s.LastAssignedAt ?? DateTimeOffset.MinValue)
            .ThenBy(s => s.Id)
            .FirstOrDefault();

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

/// <summary>
/// Onboarding to a journey: its CSM may have left; if so, hand it over (<see cref="SuccessManagerTransitions.HandOverAsync"/>).
/// </summary>
public sealed record SuccessManagerHandoverDue
{
    public required Guid CustomerId { get; init; }
}
