using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Identity;

/// <summary>
/// The revocations Identity wrote, read from its own table: by its own poller (it checks its tokens
/// like every service) and, through <see cref="MapAccessRevocationFeed"/>, by the others.
/// </summary>
public sealed class AccessRevocationFeed(IServiceScopeFactory scopes) : IAccessRevocationFeed
{
    private const int MaxRows = 10_000;

    public async Task<IReadOnlyList<RevokedAccess>> ReadAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        return await db.AccessRevocations.AsNoTracking()
            .Where(r => r.RevokedAt >= since)
            .OrderBy(r => r.RevokedAt)
            .Take(MaxRows)
            .Select(r => new RevokedAccess(r.UserId, r.RevokedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// <c>GET /internal/access-revocations?since=</c>: for the services and the gateway on the internal
    /// network. The gateway routes no <c>/internal</c> path, so it is not public; it tells only which
    /// user ids had their access revoked in the last hour, and when.
    /// </summary>
    public static void MapAccessRevocationFeed(IEndpointRouteBuilder app) =>
        app.MapGet(AuthenticationExtensions.RevocationsPath, async (DateTimeOffset? since, IAccessRevocationFeed feed, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var oldest = time.GetUtcNow() - AccessRevocations.Retention;
            return TypedResults.Ok(await feed.ReadAsync(since is { } s && s > oldest ? s : oldest, cancellationToken));
        }).ExcludeFromDescription();
}
