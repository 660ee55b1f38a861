using System.Data;
using CustomerPlatform.Messaging.Outbox;
using CustomerPlatform.Messaging.Sagas;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.Messaging;

/// <summary>
/// A request that changes a saga's instance directly, in its own transaction, instead of sending the
/// saga a command: the answer (201/202 or 409) is then given on the state the change was made to, and
/// two requests for the same instance take effect one after the other in the order they got the lock.
/// The row is locked exactly as the saga repository locks it for a message (<c>SELECT … FOR UPDATE</c>,
/// READ COMMITTED), so requests and messages for one instance never interleave.
/// </summary>
public static class SagaTransaction
{
    /// <summary>
    /// Locks <paramref name="correlationId"/>'s row (null when there is none) and runs
    /// <paramref name="change"/> with it. Whatever the change tracked — the saga's new state, the
    /// service's rows, sends and publishes through the scope's <see cref="IPublishEndpoint"/> (outbox
    /// rows) — commits together. A lost race
    /// (deadlock, unique violation, transient failure) runs <paramref name="change"/> again from a clean
    /// tracker, so it must read everything it decides on through <paramref name="dbContext"/>. The
    /// saga's version moves on when its row changed, as the saga repository's own updates do.
    /// </summary>
    public static async Task<TResult> InSagaTransactionAsync<TDbContext, TSaga, TResult>(
        this TDbContext dbContext, Guid correlationId, Func<TSaga?, Task<TResult>> change, CancellationToken cancellationToken)
        where TDbContext : DbContext
        where TSaga : class, ISagaVersion
    {
        var table = SagaTable<TSaga>.For(dbContext);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await dbContext.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
                {
                    dbContext.ChangeTracker.Clear();
                    await using var transaction = await dbContext.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
                    var saga = (await dbContext.Set<TSaga>().FromSqlRaw(table.SelectForUpdateSql, correlationId).ToListAsync(cancellationToken)).SingleOrDefault();

                    var outcome = await change(saga);
                    if (saga is not null && dbContext.Entry(saga).State == EntityState.Modified)
                        saga.Version++;
                    await dbContext.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    return outcome;
                });

                // The outbox rows became visible only now: wake their delivery rather than wait for its next poll.
                dbContext.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?
                    .GetService<OutboxDeliverySignal<TDbContext>>()?.Notify();
                return result;
            }
            catch (Exception exception) when (attempt < SagaRetry.AttemptLimit && SagaRetry.IsRetryable(exception))
            {
                await Task.Delay(SagaRetry.Delay(attempt), cancellationToken);
            }
        }
    }
}
