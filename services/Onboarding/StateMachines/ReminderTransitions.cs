using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Onboarding;

namespace CustomerPlatform.Onboarding;

/// <summary>The customer idled on a step: one reminder for that step, never a second.</summary>
public static class ReminderTransitions
{
    public static async Task IdleReminderDueAsync(JourneyContext journey, IdleReminderDue message)
    {
        journey.Saga.IdleReminderTokenId = null;
        journey.Saga.IdleWatched = null;
        var bit = 1 << message.Step;
        if ((journey.Saga.RemindedSteps & bit) != 0 || !journey.Is(message.Step, StepStatuses.Active))
            return;

        journey.Saga.RemindedSteps |= bit;
        await journey.SendEmailAsync(EmailTemplates.StepReminder, journey.Variables(
            ("stepTitle", JourneySteps.Get(message.Step).Title),
            ("journeyLink", journey.Options.Link("/onboarding"))));
    }
}
