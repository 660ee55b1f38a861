using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.ServiceDefaults;

public static class DbTransactions
{
    /// <summary>
    /// Runs <paramref name="step"/> in one transaction and saves what it tracked (the bus outbox's messages with it);
    /// EF's retry strategy runs it again whole, on a cleared change tracker, if the connection fails, so nothing
    /// half-added by a failed attempt survives it.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this DbContext db, Func<Task<T>> step, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await step();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
}
