using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.Messaging.Tests.Counter;

/// <summary>
/// Started creates; Incremented counts an existing counter; Hit creates-and-counts (the "first
/// message" race); Finished finalizes, and a finalized counter's row is deleted.
/// </summary>
public sealed class CounterStateMachine : MassTransitStateMachine<CounterState>
{
    public CounterStateMachine()
    {
        InstanceState(saga => saga.CurrentState);

        Event(() => Started, e => e.CorrelateById(m => m.Message.CounterId));
        Event(() => Incremented, e => e.CorrelateById(m => m.Message.CounterId));
        Event(() => Hit, e => e.CorrelateById(m => m.Message.CounterId));
        Event(() => Finished, e => e.CorrelateById(m => m.Message.CounterId));

        Initially(
            When(Started).TransitionTo(Active),
            When(Hit).Then(Count).TransitionTo(Active));

        During(Active,
            When(Incremented).Then(Count),
            When(Hit).Then(Count),
            When(Finished).Finalize());

        SetCompletedWhenFinalized();
    }

    public State Active { get; private set; } = null!;
    public Event<StartCounter> Started { get; private set; } = null!;
    public Event<IncrementCounter> Incremented { get; private set; } = null!;
    public Event<HitCounter> Hit { get; private set; } = null!;
    public Event<FinishCounter> Finished { get; private set; } = null!;

    private static void Count(BehaviorContext<CounterState> context)
    {
        context.Saga.Count++;
        var db = context.GetPayload<IServiceProvider>().GetRequiredService<CounterDbContext>();
        db.Add(new CounterLog { Id = Guid.NewGuid(), CounterId = context.Saga.CorrelationId, MessageId = context.MessageId });
    }
}
