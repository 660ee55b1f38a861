using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Messaging.Sagas;

/// <summary>
/// What the saga pipe does to the saga's row for one message, inside the transaction the factory
/// opened (or joined). Reads lock the row; writes check the version; nothing commits here.
/// </summary>
internal sealed class PostgresSagaRepositoryContext<TDbContext, TSaga, TMessage>(
    TDbContext dbContext,
    ConsumeContext<TMessage> consumeContext,
    ISagaConsumeContextFactory<TDbContext, TSaga> consumeContextFactory)
    : ConsumeContextScope<TMessage>(consumeContext), SagaRepositoryContext<TSaga, TMessage>
    where TDbContext : DbContext
    where TSaga : class, ISagaVersion
    where TMessage : class
{
    private readonly SagaTable<TSaga> _table = SagaTable<TSaga>.For(dbContext);

    /// <summary>A new instance the saga is about to initialize; it is stored by <see cref="Save"/>.</summary>
    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        consumeContextFactory.CreateSagaConsumeContext(dbContext, this, instance, SagaConsumeContextMode.Add);

    /// <summary>
    /// The saga policy's pre-insert (<c>InsertOnInitial</c>): the row is created before the saga
    /// runs. On a conflict the row already exists: null tells the pipe to load (and lock) it instead.
    /// </summary>
    public async Task<SagaConsumeContext<TSaga, TMessage>?> Insert(TSaga instance)
    {
        instance.Version = 1;
        if (!await _table.TryInsertAsync(dbContext, instance, CancellationToken))
            return null;

        // Our own uncommitted insert holds the row lock, so tracking it is as good as loading it FOR UPDATE.
        dbContext.Attach(instance);
        return await consumeContextFactory.CreateSagaConsumeContext(dbContext, this, instance, SagaConsumeContextMode.Insert);
    }

    /// <summary>Loads the row FOR UPDATE: concurrent messages for the same saga wait here, one after the other.</summary>
    public async Task<SagaConsumeContext<TSaga, TMessage>?> Load(Guid correlationId)
    {
        var rows = await dbContext.Set<TSaga>()
            .FromSqlRaw(_table.SelectForUpdateSql, correlationId)
            .ToListAsync(CancellationToken);

        return rows is [var instance]
            ? await consumeContextFactory.CreateSagaConsumeContext(dbContext, this, instance, SagaConsumeContextMode.Load)
            : null;
    }

    /// <summary>
    /// Stores a new instance. No row was there when we looked, but there was nothing to lock either:
    /// if another message created it meanwhile, this attempt ran on a stale (empty) state and must run
    /// again against the stored row, so the conflict is thrown and retried, never merged.
    /// </summary>
    public async Task Save(SagaConsumeContext<TSaga> context)
    {
        var instance = context.Saga;
        instance.Version = 1;
        if (!await _table.TryInsertAsync(dbContext, instance, CancellationToken))
            throw new ConcurrencyException("The saga was created by another message at the same time", typeof(TSaga), instance.CorrelationId);

        dbContext.Attach(instance);
    }

    /// <summary>
    /// The next version, checked against the loaded one when the owner of the transaction saves: the
    /// UPDATE then travels in one batch with the other writes of the message.
    /// </summary>
    public Task Update(SagaConsumeContext<TSaga> context)
    {
        var entry = TrackedEntry(context.Saga);
        context.Saga.Version = entry.Property(saga => saga.Version).OriginalValue + 1;
        return Task.CompletedTask;
    }

    /// <summary>A finalized saga (SetCompletedWhenFinalized) leaves no row behind once the owner saves.</summary>
    public Task Delete(SagaConsumeContext<TSaga> context)
    {
        TrackedEntry(context.Saga);
        dbContext.Remove(context.Saga);
        return Task.CompletedTask;
    }

    /// <summary>A new instance that completed on its first message was never stored: nothing to do.</summary>
    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    /// <summary>A read-only policy ran: put the tracked instance back as it was loaded, so SaveChanges writes nothing.</summary>
    public Task Undo(SagaConsumeContext<TSaga> context)
    {
        var entry = dbContext.Entry(context.Saga);
        if (entry.State != EntityState.Detached)
        {
            entry.CurrentValues.SetValues(entry.OriginalValues);
            entry.State = EntityState.Unchanged;
        }

        return Task.CompletedTask;
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        consumeContextFactory.CreateSagaConsumeContext(dbContext, consumeContext, instance, mode);

    private Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<TSaga> TrackedEntry(TSaga instance)
    {
        var entry = dbContext.Entry(instance);
        if (entry.State == EntityState.Detached)
            throw new InvalidOperationException($"The {typeof(TSaga).Name} {instance.CorrelationId} was not loaded by this repository, so its version cannot be checked.");
        return entry;
    }
}
