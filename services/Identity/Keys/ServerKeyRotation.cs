using Microsoft.Extensions.Options;

namespace CustomerPlatform.Identity;

/// <summary>
/// Reads (and, when due, rotates) the server's keys at start, before the first request needs them,
/// and then every <see cref="ServerKeySettings.RefreshInterval"/>, so every replica learns of a new
/// key long before it becomes active.
/// </summary>
public sealed class ServerKeyRotation(ServerKeyStore store, IOptions<IdentitySettings> options, TimeProvider time, ILogger<ServerKeyRotation> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Keys.RefreshInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await store.RefreshAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Could not read the server keys; still using the ones read before");
            }
        }
    }
}
