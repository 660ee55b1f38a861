using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CustomerPlatform.Messaging.Sagas;

/// <summary>
/// Which failures of a saga transaction are worth running the whole message again, and how long to
/// wait first. Each of them means "someone else won a race"; running again sees their commit.
/// </summary>
internal static class SagaRetry
{
    /// <summary>Attempts in all, the first included. Races resolve in one or two; the rest is headroom for a busy server.</summary>
    public const int AttemptLimit = 20;

    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(250);

    public static bool IsRetryable(Exception exception) => exception switch
    {
        // EF's retrying strategy (EnableRetryOnFailure) already spent its attempts on this one.
        RetryLimitExceededException => false,

        // The row was created by another transaction after our SELECT found none, or its version moved.
        ConcurrencyException or DbUpdateConcurrencyException => true,

        // 40001 serialization failure, 40P01 deadlock, 23505 unique violation (a racing insert that
        // did not go through ON CONFLICT, e.g. the service's own rows).
        PostgresException { SqlState: "40001" or "40P01" or "23505" } => true,

        NpgsqlException { IsTransient: true } => true,

        // EF and MassTransit wrap the database's exception (DbUpdateException, SagaException, …).
        _ => exception.InnerException is { } inner && IsRetryable(inner),
    };

    /// <summary>Full jitter on an exponential back-off: racing consumers spread out instead of colliding again.</summary>
    public static TimeSpan Delay(int attempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, 5 * Math.Pow(2, attempt));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
