using CustomerPlatform.Contracts.Identity;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Onboarding;
using CustomerPlatform.Contracts.Ticketing;
using CustomerPlatform.Contracts.Training;
using MassTransit;

namespace CustomerPlatform.Onboarding;

/// <summary>The journey's events and timers, and how each message becomes a transition.</summary>
public sealed partial class JourneyStateMachine
{
    public Event<CustomerSignedUp> SignedUp { get; private set; } = null!;
    public Event<EmailDelivered> EmailDelivered { get; private set; } = null!;
    public Event<EmailFailed> EmailFailed { get; private set; } = null!;
    public Event<EmailVerified> EmailVerified { get; private set; } = null!;
    public Event<CustomerEnrolled> Enrolled { get; private set; } = null!;
    public Event<TrainingCompleted> TrainingCompleted { get; private set; } = null!;
    public Event<TrainingAttemptsExhausted> AttemptsExhausted { get; private set; } = null!;
    public Event<ExtraAttemptsGranted> AttemptsGranted { get; private set; } = null!;
    public Event<TicketAnswered> TicketAnswered { get; private set; } = null!;
    public Event<CustomerEmailChanged> EmailChanged { get; private set; } = null!;
    public Event<JourneyChanged> Changed { get; private set; } = null!;
    public Event<SuccessManagerHandoverDue> HandoverDue { get; private set; } = null!;

    public Schedule<JourneyState, ApprovalReminderDue> ApprovalReminder { get; private set; } = null!;
    public Schedule<JourneyState, IdleReminderDue> IdleReminder { get; private set; } = null!;
    public Schedule<JourneyState, SuccessManagerAssignmentDue> AssignmentRetry { get; private set; } = null!;

    private void ConfigureEvents()
    {
        Event(() => SignedUp, e => e.CorrelateById(m => m.Message.CustomerId));

        // Identity's verification email and EmailVerified can overtake CustomerSignedUp: they fault while
        // the journey does not exist, and the endpoint's retries and scheduled redelivery bring them back.
        Event(() => EmailVerified, e =>
        {
            e.CorrelateById(m => m.Message.CustomerId);
            e.OnMissingInstance(m => m.Fault());
        });
        Event(() => EmailDelivered, e =>
        {
            e.CorrelateById(m => m.Message.CustomerId);
            e.OnMissingInstance(m => m.ExecuteAsync(context => context.Message.Template == EmailTemplates.VerifyEmail
                ? throw new InvalidOperationException($"No journey for {context.Message.CustomerId} yet: the verification email overtook the sign-up")
                : Task.CompletedTask));
        });

        // Everything else about someone without a journey (staff, other services' emails, a customer who
        // never signed up here changing their address) is not ours.
        Event(() => EmailFailed, e => Discard(e, m => m.Message.CustomerId));
        Event(() => Enrolled, e => Discard(e, m => m.Message.CustomerId));
        Event(() => TrainingCompleted, e => Discard(e, m => m.Message.CustomerId));
        Event(() => AttemptsExhausted, e => Discard(e, m => m.Message.CustomerId));
        Event(() => AttemptsGranted, e => Discard(e, m => m.Message.CustomerId));
        Event(() => TicketAnswered, e => Discard(e, m => m.Message.CustomerId));
        Event(() => EmailChanged, e => Discard(e, m => m.Message.CustomerId));
        Event(() => Changed, e => Discard(e, m => m.Message.CustomerId));
        Event(() => HandoverDue, e => Discard(e, m => m.Message.CustomerId));

        Schedule(() => ApprovalReminder, saga => saga.ApprovalReminderTokenId, s => s.Received = e => Discard(e, m => m.Message.CustomerId));
        Schedule(() => IdleReminder, saga => saga.IdleReminderTokenId, s => s.Received = e => Discard(e, m => m.Message.CustomerId));
        Schedule(() => AssignmentRetry, saga => saga.AssignmentRetryTokenId, s => s.Received = e => Discard(e, m => m.Message.CustomerId));
    }

    /// <summary>The email templates whose delivery or failure moves a journey; the saga never sees the others (<see cref="TrackedEmailsOnly{T}"/>).</summary>
    public static bool Tracks(string? template) =>
        template == EmailTemplates.VerifyEmail || template == EmailTemplates.SuccessManagerIntroduction;

    private static void Discard<T>(IEventCorrelationConfigurator<JourneyState, T> e, Func<ConsumeContext<T>, Guid> customerId)
        where T : class
    {
        e.CorrelateById(m => customerId(m));
        e.OnMissingInstance(m => m.Discard());
    }

    private EventActivityBinder<JourneyState, T> On<T>(Event<T> @event, Action<JourneyContext, T> step)
        where T : class => On(@event, (journey, message) =>
        {
            step(journey, message);
            return Task.CompletedTask;
        });

    /// <summary>Every transition: load the read model, run the step's rules, publish what completed, move the state, re-arm the timers.</summary>
    private EventActivityBinder<JourneyState, T> On<T>(Event<T> @event, Func<JourneyContext, T, Task> step)
        where T : class => Timers(When(@event).ThenAsync(async context =>
        {
            var journey = await JourneyContext.LoadAsync(context);
            await step(journey, context.Message);
            await journey.FinishAsync(this);
        }));

    /// <summary>
    /// The timers follow the saga's fields: a new pending approval gets its reminder, a decided one loses
    /// it; the idle timer watches <see cref="JourneyState.IdleStep"/> (scheduling again replaces the
    /// previous timer); step 7 without a CSM retries.
    /// </summary>
    private EventActivityBinder<JourneyState, T> Timers<T>(EventActivityBinder<JourneyState, T> binder)
        where T : class => binder
        .If(c => c.Saga.PendingApprovalId is { } id && c.Saga.ApprovalReminderFor != id, b => b
            .Schedule(ApprovalReminder,
                c => new ApprovalReminderDue { CustomerId = c.Saga.CorrelationId, ApprovalId = c.Saga.PendingApprovalId!.Value },
                _ => _timeouts.ApprovalReminderAfter(_time.GetUtcNow()))
            .Then(c => c.Saga.ApprovalReminderFor = c.Saga.PendingApprovalId))
        .If(c => c.Saga.PendingApprovalId is null && c.Saga.ApprovalReminderTokenId is not null, b => b
            .Unschedule(ApprovalReminder)
            .Then(c => c.Saga.ApprovalReminderFor = null))
        .If(c => c.Saga.IdleStep is not null && c.Saga.IdleStep != c.Saga.IdleWatched, b => b
            .Schedule(IdleReminder,
                c => new IdleReminderDue { CustomerId = c.Saga.CorrelationId, Step = c.Saga.IdleStep!.Value },
                _ => _timeouts.IdleReminder)
            .Then(c => c.Saga.IdleWatched = c.Saga.IdleStep))
        .If(c => c.Saga.IdleStep is null && c.Saga.IdleReminderTokenId is not null, b => b
            .Unschedule(IdleReminder)
            .Then(c => c.Saga.IdleWatched = null))
        .If(c => c.Saga.AwaitingSuccessManager && c.Saga.AssignmentRetryTokenId is null, b => b
            .Schedule(AssignmentRetry,
                c => new SuccessManagerAssignmentDue { CustomerId = c.Saga.CorrelationId },
                _ => _timeouts.SuccessManagerRetry));
}
