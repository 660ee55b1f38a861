using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Onboarding;

/// <summary>
/// Staff lists of journeys: a CSM's own customers, or (admin) everyone's or one CSM's, stuck first —
/// the journeys whose current step has waited longest come at the top.
/// </summary>
public static class JourneyListApi
{
    private static readonly string[] Statuses = [JourneyStatuses.InProgress, JourneyStatuses.Completed];

    public static async Task<Results<Ok<JourneySummaryPage>, ValidationProblem>> ListAsync(
        ClaimsPrincipal user, OnboardingDbContext db, string? status, string? successManagerId, string? page, string? pageSize,
        CancellationToken cancellationToken)
    {
        var errors = RequestValidation.Errors();
        status ??= JourneyStatuses.InProgress;
        if (!Statuses.Contains(status))
            errors["status"] = [$"'status' must be one of: {string.Join(", ", Statuses)}."];
        Guid? manager = null;
        if (successManagerId is not null)
        {
            if (!user.IsInRole(Roles.Admin))
                errors["successManagerId"] = ["Only an admin may list another success manager's customers."];
            else if (Guid.TryParse(successManagerId, out var id))
                manager = id;
            else
                errors["successManagerId"] = ["'successManagerId' must be a GUID."];
        }
        Paging.TryParse(page, pageSize, out var paging, errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        // A CSM sees their own customers; an admin everyone's, or one CSM's.
        if (!user.IsInRole(Roles.Admin))
            manager = user.GetCustomerId();
        var journeys = db.Journeys.AsNoTracking().Where(j => j.Status == status);
        if (manager is { } managerId)
            journeys = journeys.Where(j => j.SuccessManagerId == managerId);

        var summaries = (await journeys.ToListAsync(cancellationToken)).Select(Summarize).ToList();
        var ordered = status == JourneyStatuses.InProgress
            ? summaries.OrderBy(s => s.Since).ThenBy(s => s.CustomerId)
            : summaries.OrderByDescending(s => s.Since).ThenBy(s => s.CustomerId);
        return TypedResults.Ok(new JourneySummaryPage(ordered.Skip(paging.Skip).Take(paging.PageSize).ToList(), paging.Page, paging.PageSize, summaries.Count));
    }

    /// <summary>The lowest step not yet done or skipped is where the journey stands; it waits since that step last changed.</summary>
    public static JourneySummary Summarize(Journey journey)
    {
        var response = JourneyResponses.From(journey);
        var current = journey.Steps.FirstOrDefault(s => s.Status is not (StepStatuses.Completed or StepStatuses.Skipped));
        var done = journey.Steps.Count(s => s.Status is StepStatuses.Completed or StepStatuses.Skipped);
        var since = current is null
            ? journey.CompletedAt ?? journey.StartedAt
            : current.ChangedAt ?? journey.Steps.Where(s => s.Number < current.Number).Max(s => s.CompletedAt) ?? journey.StartedAt;
        return new JourneySummary(journey.CustomerId, journey.CustomerName, journey.CustomerEmail, journey.Status, done,
            current is null ? null : response.Steps[current.Number - 1], current is null ? null : WaitingOn(current), since, response.SuccessManager);
    }

    private static string WaitingOn(StepRecord step) =>
        step.Status is StepStatuses.AwaitingApproval || step.Number == JourneySteps.QueriesAnswered ? "staff"
        : step.Status is StepStatuses.Rejected || JourneySteps.Get(step.Number).WaitsOnCustomer ? "customer"
        : "platform";
}
