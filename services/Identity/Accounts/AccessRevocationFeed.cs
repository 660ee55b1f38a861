using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Identity;

/// <summary>
/// The revocations Identity wrote, read from its own table: by its own poller (it checks its tokens
/// like every service) and, through <see cref="MapAccessRevocationFeed"/>, by the others. A read that brings
/// the version the reader had (nothing committed since its last read) waits, up to the time it asks for, for
/// the next revocation committed by any replica (<see cref="AccessRevocationSignal"/>): a long poll, so an idle
/// platform does not query the table four times a second per process, and a revocation is read as it commits.
/// </summary>
public sealed class AccessRevocationFeed(IServiceScopeFactory scopes, AccessRevocationSignal signal, TimeProvider time) : IAccessRevocationFeed
{
    private const int MaxRows = 10_000;

    /// <summary>The longest a read over HTTP waits: under the attempt timeout of the callers' HTTP resilience (10 s).</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(8);

    public async Task<RevocationFeedPage> ReadAsync(DateTimeOffset since, string? version, TimeSpan wait, CancellationToken cancellationToken)
    {
        // Taken before the query: a revocation committed after it moves the version on, so the next read returns at once.
        var (current, changed) = signal.Current();
        if (wait > TimeSpan.Zero && version == current && signal.Listening)
        {
            try
            {
                await changed.WaitAsync(wait, time, cancellationToken);
            }
            catch (TimeoutException)
            {
            }
            (current, _) = signal.Current();
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var revocations = await db.AccessRevocations.AsNoTracking()
            .Where(r => r.RevokedAt >= since)
            .OrderBy(r => r.RevokedAt)
            .Take(MaxRows)
            .Select(r => new RevokedAccess(r.UserId, r.RevokedAt))
            .ToListAsync(cancellationToken);
        return new RevocationFeedPage(revocations, current);
    }

    /// <summary>
    /// <c>GET /internal/access-revocations?since=&amp;version=&amp;wait=</c> (<c>wait</c> in seconds, at most
    /// <see cref="MaxWait"/>): for the services and the gateway on the internal network. The gateway routes no
    /// <c>/internal</c> path, so it is not public; it tells only which user ids had their access revoked in the
    /// last hour, and when.
    /// </summary>
    public static void MapAccessRevocationFeed(IEndpointRouteBuilder app) =>
        app.MapGet(AuthenticationExtensions.RevocationsPath, async (DateTimeOffset? since, string? version, double? wait,
            IAccessRevocationFeed feed, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var oldest = time.GetUtcNow() - AccessRevocations.Retention;
            var waitFor = wait is > 0 ? TimeSpan.FromSeconds(Math.Min(wait.Value, MaxWait.TotalSeconds)) : TimeSpan.Zero;
            return TypedResults.Ok(await feed.ReadAsync(since is { } s && s > oldest ? s : oldest, version, waitFor, cancellationToken));
        }).ExcludeFromDescription();
}
