using MassTransit;

namespace CustomerPlatform.Onboarding;

/// <summary>
/// The journey saga's own row (CorrelationId = the customer's id): its state and its timers. What the
/// customer sees lives in <see cref="Journey"/>, written in the same transaction.
/// </summary>
public sealed class JourneyState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }
    public string CurrentState { get; set; } = "";
    public int Version { get; set; }

    /// <summary>The approval the journey waits on (steps 6, 11, 19), if any.</summary>
    public Guid? PendingApprovalId { get; set; }

    /// <summary>The approval the reminder timer was set for: a new approval sets a new timer.</summary>
    public Guid? ApprovalReminderFor { get; set; }

    public Guid? ApprovalReminderTokenId { get; set; }

    /// <summary>The step the idle timer should watch (computed after every transition); null: none.</summary>
    public int? IdleStep { get; set; }

    /// <summary>The step the running idle timer watches; differs from <see cref="IdleStep"/> when it must be re-armed.</summary>
    public int? IdleWatched { get; set; }

    public Guid? IdleReminderTokenId { get; set; }

    /// <summary>Bit n set: step n's one reminder was sent.</summary>
    public int RemindedSteps { get; set; }

    public Guid? AssignmentRetryTokenId { get; set; }

    /// <summary>When staff last granted extra quiz attempts: an exhaustion older than it needs no help any more.</summary>
    public DateTimeOffset? ExtraAttemptsGrantedAt { get; set; }

    /// <summary>Set while step 7 waits for an active CSM.</summary>
    public bool AwaitingSuccessManager { get; set; }
}
