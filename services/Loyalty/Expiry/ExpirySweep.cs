using CustomerPlatform.Loyalty.Ledger;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Loyalty.Expiry;

/// <summary>
/// Runs <see cref="PointsExpiry"/>, then the yearly <see cref="TierReview"/>, every <see cref="ExpiryOptions.SweepEvery"/> in every replica (ADR-036): the replicas
/// share the work through row locks, and a pass that fails is logged and done again at the next tick.
/// </summary>
public sealed class ExpirySweep(IServiceScopeFactory scopes, IOptions<ExpiryOptions> options, TimeProvider time, ILogger<ExpirySweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepEvery, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<PointsExpiry>().SweepAsync(stoppingToken);
                var reviewed = await scope.ServiceProvider.GetRequiredService<TierReview>().ReviewAsync(options.Value.BatchSize, stoppingToken);
                if (result.MembersSwept > 0 || result.CodesReturned > 0 || reviewed > 0)
                    logger.LogInformation("Expiry sweep: {Members} member(s) swept, {Codes} unused code(s) given back, {Reviewed} tier(s) reviewed",
                        result.MembersSwept, result.CodesReturned, reviewed);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "The expiry sweep failed; trying again in {Period}", options.Value.SweepEvery);
            }
        }
    }
}
