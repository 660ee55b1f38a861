using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Onboarding;
using CustomerPlatform.Contracts.Training;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Onboarding;

/// <summary>Steps 6, 11, 19: a decision moves on, or re-opens the earlier step and tells the customer why.</summary>
public static class ApprovalTransitions
{
    /// <summary>A staff decision (a request): null when it took effect, else why it cannot.</summary>
    public static async Task<string?> DecidedAsync(JourneyContext journey, DecideApproval message)
    {
        if (journey.Saga.PendingApprovalId != message.ApprovalId || !journey.Is(message.Step, StepStatuses.AwaitingApproval))
            return $"Step {message.Step} no longer waits on this approval.";

        journey.Saga.PendingApprovalId = null;
        if (message.Approved)
        {
            journey.Complete(message.Step);
            await ApprovedAsync(journey, message.Step);
            return null;
        }

        var reason = message.Reason ?? "";
        journey.Set(message.Step, StepStatuses.Rejected, reason);
        var reopened = message.Step - 1;
        journey.Activate(reopened, $"Please do this step again: {reason}");
        journey.CustomerActed();

        if (message.Step != JourneySteps.DetailsApproved)
        {
            await journey.PublishAsync(new ReopenTraining
            {
                ReopenId = NewId.NextGuid(),
                CustomerId = journey.CustomerId,
                Level = message.Step == JourneySteps.InitialTrainingApproved ? CourseLevels.Initial : CourseLevels.Advanced,
                Reason = reason,
                CorrelationId = journey.CustomerId,
            });
        }

        await journey.SendEmailAsync(EmailTemplates.StepRejected, journey.Variables(
            ("stepTitle", JourneySteps.Get(message.Step).Title),
            ("reason", reason),
            ("journeyLink", journey.Options.Link("/onboarding"))));
        return null;
    }

    private static async Task ApprovedAsync(JourneyContext journey, int step)
    {
        switch (step)
        {
            case JourneySteps.DetailsApproved:
                await SuccessManagerTransitions.AssignAsync(journey);
                break;
            case JourneySteps.InitialTrainingApproved:
                foreach (var next in new[] { JourneySteps.ProfileCompleted, JourneySteps.ToolsIntegrated, JourneySteps.ProductExplored, JourneySteps.QueriesAsked })
                    journey.Activate(next);
                break;
            case JourneySteps.AdvancedTrainingApproved:
                await CompletionTransitions.CompleteJourneyAsync(journey, advancedTrainingTaken: true);
                break;
        }
    }

    /// <summary>
    /// The approval waited too long: one reminder to each approver (step 6: every active CSM and admin;
    /// 11 and 19: the customer's CSM and the admins). Not re-armed: the queue shows it anyway.
    /// </summary>
    public static async Task ReminderDueAsync(JourneyContext journey, ApprovalReminderDue message)
    {
        journey.Saga.ApprovalReminderTokenId = null;
        var approval = await journey.Db.Approvals.FindAsync(message.ApprovalId);
        if (journey.Saga.PendingApprovalId != message.ApprovalId || approval is not { Status: ApprovalStatuses.Pending })
            return;

        var csm = journey.Journey.SuccessManagerId;
        var anyCsm = approval.Step == JourneySteps.DetailsApproved;
        var approvers = await journey.Db.Staff.AsNoTracking()
            .Where(s => s.Active && (s.IsAdmin || (s.IsSuccessManager && (anyCsm || s.Id == csm))))
            .ToListAsync();
        foreach (var approver in approvers)
        {
            await journey.SendEmailAsync(EmailTemplates.ApprovalReminder, new Dictionary<string, string>
            {
                ["displayName"] = approver.DisplayName,
                ["customerName"] = journey.Journey.CustomerName,
                ["stepTitle"] = JourneySteps.Get(approval.Step).Title,
                ["requestedAt"] = approval.RequestedAt.ToString("O"),
                ["approvalsLink"] = journey.Options.Link("/staff/approvals"),
            }, approver.Email, approver.DisplayName, approver.Id);
        }
    }
}
