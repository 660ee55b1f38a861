using MassTransit;

namespace CustomerPlatform.Messaging.Tests.Scheduling;

public sealed record RequestApproval(Guid ApprovalId, int ReminderDelayMs);

public sealed record GrantApproval(Guid ApprovalId);

/// <summary>The saga's timeout message: sent by the scheduler back to the saga's own queue.</summary>
public sealed record ApprovalReminder(Guid ApprovalId);

public sealed class ApprovalState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }
    public string CurrentState { get; set; } = "";
    public int Version { get; set; }
    public Guid? ReminderTokenId { get; set; }
    public int ReminderDelayMs { get; set; }
    public DateTime? RemindedAt { get; set; }
}

/// <summary>
/// Waits for an approval with a reminder timeout (a saga <c>Schedule</c>): the reminder moves it to
/// Reminded; an approval first moves it to Approved and <c>Unschedule</c>s the reminder.
/// </summary>
public sealed class ApprovalStateMachine : MassTransitStateMachine<ApprovalState>
{
    public ApprovalStateMachine()
    {
        InstanceState(saga => saga.CurrentState);

        Event(() => Requested, e => e.CorrelateById(m => m.Message.ApprovalId));
        Event(() => Granted, e => e.CorrelateById(m => m.Message.ApprovalId));
        Schedule(() => Reminder, saga => saga.ReminderTokenId, schedule =>
        {
            schedule.Delay = TimeSpan.FromSeconds(2);
            schedule.Received = e => e.CorrelateById(m => m.Message.ApprovalId);
        });

        Initially(
            When(Requested)
                .Then(context => context.Saga.ReminderDelayMs = context.Message.ReminderDelayMs)
                .Schedule(Reminder, context => new ApprovalReminder(context.Saga.CorrelationId),
                    context => TimeSpan.FromMilliseconds(context.Saga.ReminderDelayMs))
                .TransitionTo(Waiting));

        During(Waiting,
            When(Reminder.Received)
                .Then(context => context.Saga.RemindedAt = DateTime.UtcNow)
                .TransitionTo(Reminded),
            When(Granted)
                .Unschedule(Reminder)
                .TransitionTo(Approved));
    }

    public State Waiting { get; private set; } = null!;
    public State Reminded { get; private set; } = null!;
    public State Approved { get; private set; } = null!;

    public Event<RequestApproval> Requested { get; private set; } = null!;
    public Event<GrantApproval> Granted { get; private set; } = null!;
    public Schedule<ApprovalState, ApprovalReminder> Reminder { get; private set; } = null!;
}
