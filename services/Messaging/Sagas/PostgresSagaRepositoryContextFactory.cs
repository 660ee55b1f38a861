using System.Data;
using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace CustomerPlatform.Messaging.Sagas;

/// <summary>
/// Runs one message against a saga stored in PostgreSQL through the service's own DbContext (the
/// scoped one of the message, so the saga's activities and the repository share one unit of work).
/// <para>
/// If the DbContext already has a transaction (a later consumer outbox opens it, locks its inbox row
/// and writes its outbox rows in it), the repository joins it: the owner commits and retries.
/// Otherwise the repository owns one READ COMMITTED transaction per attempt and runs the whole
/// message again on a lost race. Serializable is refused: under load it aborts so often that messages
/// exhaust their retries and are lost to the error queue; the row lock gives the ordering we need.
/// </para>
/// </summary>
internal sealed class PostgresSagaRepositoryContextFactory<TDbContext, TSaga>(
    TDbContext dbContext,
    ISagaConsumeContextFactory<TDbContext, TSaga> consumeContextFactory,
    ILogger<PostgresSagaRepositoryContextFactory<TDbContext, TSaga>> logger)
    : ISagaRepositoryContextFactory<TSaga>
    where TDbContext : DbContext
    where TSaga : class, ISagaVersion
{
    public Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class =>
        RunAsync(context, () => next.Send(new PostgresSagaRepositoryContext<TDbContext, TSaga, T>(dbContext, context, consumeContextFactory)));

    /// <summary>
    /// Events correlated by a property other than CorrelationId: find the ids without a lock, then
    /// the saga pipe loads each one FOR UPDATE, so every instance is still changed under its lock.
    /// </summary>
    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class =>
        RunAsync(context, async () =>
        {
            var ids = await dbContext.Set<TSaga>()
                .Where(query.FilterExpression)
                .Select(saga => saga.CorrelationId)
                .ToListAsync(context.CancellationToken);

            var repositoryContext = new PostgresSagaRepositoryContext<TDbContext, TSaga, T>(dbContext, context, consumeContextFactory);
            await next.Send(new DefaultSagaRepositoryQueryContext<TSaga, T>(repositoryContext, ids));
        });

    public void Probe(ProbeContext context)
    {
        var scope = context.CreateScope("sagaRepository");
        scope.Add("persistence", "postgres");
        scope.Add("dbContext", typeof(TDbContext).Name);
    }

    private async Task RunAsync(ConsumeContext context, Func<Task> send)
    {
        if (dbContext.Database.CurrentTransaction is { } current)
        {
            if (current.GetDbTransaction().IsolationLevel is IsolationLevel.Serializable or IsolationLevel.Snapshot)
                throw new InvalidOperationException("The saga repository needs READ COMMITTED: serializable transactions abort under contention and lose messages.");

            // The owner saves and commits: the saga's UPDATE goes to the server in one batch with the
            // owner's own writes (the inbox row).
            await send();
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RunInOwnTransactionAsync(send, isRetry: attempt > 1, context.CancellationToken);
                return;
            }
            catch (Exception exception) when (attempt < SagaRetry.AttemptLimit && SagaRetry.IsRetryable(exception))
            {
                logger.LogDebug(exception, "Saga {Saga} attempt {Attempt} for message {MessageId} lost a race; running it again",
                    typeof(TSaga).Name, attempt, context.MessageId);
                await Task.Delay(SagaRetry.Delay(attempt), context.CancellationToken);
            }
        }
    }

    private Task RunInOwnTransactionAsync(Func<Task> send, bool isRetry, CancellationToken cancellationToken)
    {
        // Through the context's execution strategy: with EnableRetryOnFailure (as ServiceDefaults
        // configures it) EF refuses a user transaction outside it, and retries transient failures itself.
        var strategy = dbContext.Database.CreateExecutionStrategy();
        var clear = isRetry;
        return strategy.ExecuteAsync(async () =>
        {
            // A failed attempt leaves its tracked entities behind (the saga, the service's own rows):
            // they were rolled back, so they must not be saved again by the next attempt. The first
            // attempt keeps what the caller tracked before the message reached the saga.
            if (clear)
                dbContext.ChangeTracker.Clear();
            clear = true;

            dbContext.Database.AutoSavepointsEnabled = false;
            await using var transaction = await dbContext.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            await send();
            await dbContext.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }
}
