using System.Security.Claims;
using CustomerPlatform.Contracts.Onboarding;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Onboarding;

/// <summary>
/// The staff approval queue (steps 6, 11, 19). An admin sees and decides every approval; a CSM every
/// step-6 approval and the 11/19 approvals of their own customers.
/// </summary>
public static class ApprovalsApi
{
    public static async Task<Results<Ok<List<ApprovalResponse>>, ValidationProblem>> GetApprovalsAsync(
        string? status, ClaimsPrincipal user, OnboardingDbContext db, CancellationToken cancellationToken)
    {
        if (status is not null && !ApprovalStatuses.All.Contains(status))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"'status' must be one of: {string.Join(", ", ApprovalStatuses.All)}."] });

        var approvals = db.Approvals.AsNoTracking();
        if (status is not null)
            approvals = approvals.Where(a => a.Status == status);
        if (!user.IsInRole(Roles.Admin))
        {
            var me = user.GetCustomerId();
            approvals = approvals.Where(a => a.Step == JourneySteps.DetailsApproved || a.SuccessManagerId == me);
        }

        var rows = await approvals
            .OrderBy(a => a.RequestedAt).ThenBy(a => a.Id)
            .GroupJoin(db.Journeys, a => a.CustomerId, j => j.CustomerId, (a, journeys) => new { a, journeys })
            .SelectMany(x => x.journeys.DefaultIfEmpty(), (x, j) => new { Approval = x.a, Details = j == null ? null : j.Details })
            .ToListAsync(cancellationToken);

        return TypedResults.Ok(rows.Select(row =>
        {
            var a = row.Approval;
            return new ApprovalResponse(a.Id, a.CustomerId, a.CustomerName, a.CustomerEmail, a.Step, JourneySteps.Get(a.Step).Key, a.Status,
                a.RequestedAt, a.DecidedAt, a.DecidedBy, a.Reason, a.Step == JourneySteps.DetailsApproved ? row.Details : null);
        }).ToList());
    }

    /// <summary>
    /// The decision takes effect in the request, under the journey's lock (<see cref="JourneyRequests"/>):
    /// the approval row and the journey change together, and of two racing decisions the second sees
    /// the first and gets 409.
    /// </summary>
    public static async Task<Results<Accepted, ValidationProblem, NotFound, ProblemHttpResult>> DecideAsync(
        Guid approvalId, HttpRequest request, ClaimsPrincipal user, OnboardingDbContext db, JourneyRequests journeys, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<DecisionRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        var invalid = RequestValidation.Errors();
        if (body.Decision is not ("approve" or "reject"))
            invalid["decision"] = ["'decision' must be \"approve\" or \"reject\"."];
        else if (body.Decision == "reject")
            RequestValidation.Required(invalid, "reason", body.Reason, 2000);
        else
            RequestValidation.Optional(invalid, "reason", body.Reason, 2000);
        if (invalid.Count > 0)
            return TypedResults.ValidationProblem(invalid);

        if (await db.Approvals.AsNoTracking().SingleOrDefaultAsync(a => a.Id == approvalId, cancellationToken) is not { } found)
            return TypedResults.NotFound();

        var me = user.GetCustomerId();
        var forbidden = false;
        ProblemHttpResult? decided = null;
        var outcome = await journeys.ChangeAsync(found.CustomerId, async journey =>
        {
            var approval = await journey.Db.Approvals.SingleAsync(a => a.Id == approvalId, cancellationToken);
            forbidden = !user.IsInRole(Roles.Admin) && approval.Step != JourneySteps.DetailsApproved && approval.SuccessManagerId != me;
            decided = approval.Status == ApprovalStatuses.Pending ? null : Decided(approval);
            if (forbidden || decided is not null)
                return "";

            approval.Status = body.Decision == "approve" ? ApprovalStatuses.Approved : ApprovalStatuses.Rejected;
            approval.DecidedAt = time.GetUtcNow();
            approval.DecidedBy = me;
            approval.Reason = string.IsNullOrWhiteSpace(body.Reason) ? null : body.Reason.Trim();
            return await ApprovalTransitions.DecidedAsync(journey, new DecideApproval
            {
                ApprovalId = approval.Id,
                CustomerId = approval.CustomerId,
                Step = approval.Step,
                Approved = approval.Status == ApprovalStatuses.Approved,
                Reason = approval.Reason,
                DecidedBy = me,
                DecidedAt = approval.DecidedAt.Value,
            });
        }, cancellationToken);

        if (forbidden)
            return TypedResults.Problem("Only the customer's success manager or an admin may decide this approval.", statusCode: StatusCodes.Status403Forbidden, title: "Not your customer");
        return decided ?? outcome.Accepted();
    }

    private static ProblemHttpResult Decided(Approval approval) =>
        TypedResults.Problem($"This approval was {approval.Status} at {approval.DecidedAt:O}.", statusCode: StatusCodes.Status409Conflict, title: "Already decided");
}
