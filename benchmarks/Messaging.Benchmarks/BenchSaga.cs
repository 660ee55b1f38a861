using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Messaging.Benchmarks;

/// <summary>One step of a benchmark saga: the first creates it, every one counts.</summary>
public sealed record Tick(Guid SagaId);

public sealed class BenchState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }
    public string CurrentState { get; set; } = "";
    public int Version { get; set; }
    public int Count { get; set; }
}

/// <summary>Counts ticks; <see cref="Transitions"/> is how the in-memory run sees progress (no table to poll).</summary>
public sealed class BenchStateMachine : MassTransitStateMachine<BenchState>
{
    private static long _transitions;

    public static long Transitions => Interlocked.Read(ref _transitions);

    public BenchStateMachine()
    {
        InstanceState(saga => saga.CurrentState);
        Event(() => Ticked, e => e.CorrelateById(m => m.Message.SagaId));

        Initially(When(Ticked).Then(Count).TransitionTo(Active));
        During(Active, When(Ticked).Then(Count));
    }

    public State Active { get; private set; } = null!;
    public Event<Tick> Ticked { get; private set; } = null!;

    private static void Count(BehaviorContext<BenchState> context)
    {
        context.Saga.Count++;
        Interlocked.Increment(ref _transitions);
    }
}

public sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    public DbSet<BenchState> Sagas => Set<BenchState>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.MapSaga<BenchState>("bench_saga", saga => saga.Property(s => s.CurrentState).HasMaxLength(64));
        modelBuilder.AddMessagingTables();
    }
}
