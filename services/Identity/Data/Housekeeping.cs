using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace CustomerPlatform.Identity;

/// <summary>
/// Keeps identitydb from growing without bound: rate-limit counters of windows a day old, account
/// tokens that cannot be redeemed any more, and OpenIddict's tokens and authorizations once expired
/// or revoked for longer than a refresh token lives. Every replica runs it; the deletes are idempotent.
/// </summary>
public sealed class Housekeeping(IServiceScopeFactory scopes, TimeProvider time, ILogger<Housekeeping> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan KeepCounters = TimeSpan.FromDays(1);
    private static readonly TimeSpan KeepTokens = TimeSpan.FromDays(14);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var services = scope.ServiceProvider;
                var db = services.GetRequiredService<IdentityDbContext>();
                var now = time.GetUtcNow();
                var counters = now - KeepCounters;
                await db.RateLimitCounters.Where(c => c.WindowStart < counters).ExecuteDeleteAsync(stoppingToken);
                var tokens = now - KeepTokens;
                await db.AccountTokens.Where(t => t.ExpiresAt < tokens).ExecuteDeleteAsync(stoppingToken);
                var revocations = now - AccessRevocations.Retention * 2;
                await db.AccessRevocations.Where(r => r.RevokedAt < revocations).ExecuteDeleteAsync(stoppingToken);
                await services.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(tokens, stoppingToken);
                await services.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(tokens, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Housekeeping failed; trying again in {Period}", Period);
            }
        }
    }
}
