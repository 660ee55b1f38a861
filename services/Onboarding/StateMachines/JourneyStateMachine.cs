using CustomerPlatform.Contracts.Identity;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Onboarding;
using CustomerPlatform.Contracts.Ticketing;
using CustomerPlatform.Contracts.Training;
using MassTransit;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Onboarding;

/// <summary>
/// One customer's onboarding journey (CorrelationId = the customer's id). CustomerSignedUp starts it;
/// other services' events re-check the journey's steps (in <c>*Transitions</c>) and are ignored, with a
/// log line, when they no longer fit. What customers and staff ask (details, approvals, steps 12–17,
/// the survey) is not a message: it takes effect in the request itself (<see cref="JourneyRequests"/>),
/// under the same row lock, and is refused there when it cannot (ADR-014). The saga's state names the phase the journey is in; the
/// three timers (approval reminder, idle reminder, CSM retry) are saga schedules, re-armed by
/// <see cref="Timers{T}"/> at the end of every transition.
/// </summary>
public sealed partial class JourneyStateMachine : MassTransitStateMachine<JourneyState>
{
    private readonly OnboardingTimeouts _timeouts;
    private readonly TimeProvider _time;

    public JourneyStateMachine(IOptions<OnboardingOptions> options, TimeProvider time, ILogger<JourneyStateMachine> logger)
    {
        _timeouts = options.Value.Timeouts;
        _time = time;
        InstanceState(saga => saga.CurrentState);
        ConfigureEvents();

        Initially(
            On(SignedUp, SignUpTransitions.SignedUp));

        DuringAny(
            On(EmailDelivered, (journey, message) =>
            {
                if (message.Template == EmailTemplates.VerifyEmail)
                    SignUpTransitions.VerificationDelivered(journey);
                else if (message.Template == EmailTemplates.SuccessManagerIntroduction)
                    return SuccessManagerTransitions.IntroductionDeliveredAsync(journey);
                return Task.CompletedTask;
            }),
            On(EmailFailed, (journey, message) =>
            {
                if (message.Template == EmailTemplates.VerifyEmail)
                    SignUpTransitions.VerificationFailed(journey, message);
                else if (message.Template == EmailTemplates.SuccessManagerIntroduction)
                    return SuccessManagerTransitions.IntroductionFailedAsync(journey, message);
                return Task.CompletedTask;
            }),
            On(EmailVerified, (journey, _) => SignUpTransitions.VerifiedAsync(journey)),
            On(AssignmentRetry.Received, (journey, _) =>
            {
                journey.Saga.AssignmentRetryTokenId = null;
                return SuccessManagerTransitions.AssignAsync(journey);
            }),
            On(Enrolled, TrainingTransitions.Enrolled),
            On(TrainingCompleted, TrainingTransitions.Completed),
            On(AttemptsExhausted, TrainingTransitions.AttemptsExhaustedAsync),
            On(AttemptsGranted, TrainingTransitions.ExtraAttemptsGranted),
            On(TicketAnswered, ExplorationTransitions.TicketAnsweredAsync),
            On(ApprovalReminder.Received, ApprovalTransitions.ReminderDueAsync),
            On(IdleReminder.Received, ReminderTransitions.IdleReminderDueAsync),
            On(EmailChanged, EmailChangeTransitions.ChangedAsync),
            On(HandoverDue, SuccessManagerTransitions.HandOverAsync),

            // A request already changed the journey in its own transaction (JourneyRequests): only the timers follow.
            On(Changed, (_, _) => { }));

        // Redelivered, late or out-of-place messages (a second CustomerSignedUp, a repeated command) change nothing.
        OnUnhandledEvent(context =>
        {
            logger.LogInformation("Journey {CustomerId} in {State} ignores {Event}", context.Saga.CorrelationId, context.Saga.CurrentState, context.Event.Name);
            return Task.CompletedTask;
        });
    }

    public State Verifying { get; private set; } = null!;
    public State AwaitingDetails { get; private set; } = null!;
    public State ApprovingDetails { get; private set; } = null!;
    public State AssigningSuccessManager { get; private set; } = null!;
    public State Introducing { get; private set; } = null!;
    public State InitialTraining { get; private set; } = null!;
    public State ApprovingInitialTraining { get; private set; } = null!;
    public State Exploring { get; private set; } = null!;
    public State OfferingAdvancedTraining { get; private set; } = null!;
    public State AdvancedTraining { get; private set; } = null!;
    public State ApprovingAdvancedTraining { get; private set; } = null!;
    public State Completed { get; private set; } = null!;

    /// <summary>The phase a journey is in, from its steps: the saga's state always agrees with the read model.</summary>
    public State StateOf(Journey journey) =>
        journey.Status == JourneyStatuses.Completed ? Completed
        : journey.Is(JourneySteps.AdvancedTrainingApproved, StepStatuses.AwaitingApproval) ? ApprovingAdvancedTraining
        : journey.Is(JourneySteps.AdvancedTrainingCompleted, StepStatuses.Active) ? AdvancedTraining
        : journey.Is(JourneySteps.AdvancedTrainingOffered, StepStatuses.Active) ? OfferingAdvancedTraining
        : journey.IsCompleted(JourneySteps.InitialTrainingApproved) ? Exploring
        : journey.Is(JourneySteps.InitialTrainingApproved, StepStatuses.AwaitingApproval) ? ApprovingInitialTraining
        : journey.IsCompleted(JourneySteps.IntroductionSent) ? InitialTraining
        : journey.Is(JourneySteps.IntroductionSent, StepStatuses.Active) ? Introducing
        : journey.IsCompleted(JourneySteps.DetailsApproved) ? AssigningSuccessManager
        : journey.Is(JourneySteps.DetailsApproved, StepStatuses.AwaitingApproval) ? ApprovingDetails
        : journey.IsCompleted(JourneySteps.EmailVerified) ? AwaitingDetails
        : Verifying;
}
