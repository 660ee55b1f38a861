using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Identity;

internal static class AccountTransactions
{
    /// <summary>
    /// Runs <paramref name="step"/> in one transaction and saves what it tracked (the outbox's messages with it);
    /// EF's retry strategy runs it again whole, on a cleared change tracker, if the connection fails.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this IdentityDbContext db, Func<Task<T>> step, CancellationToken cancellationToken) =>
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
