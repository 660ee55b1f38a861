using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CustomerPlatform.ServiceDefaults;

/// <summary>
/// Brings the database schema up to date before the service starts listening, so no request ever
/// meets an old schema. The server may still be starting (the AppHost starts everything at once),
/// so it waits a short while for it; if it never answers, the service fails to start. Replicas that
/// start together take turns through a session advisory lock: EF's own checks do not stop two of them
/// creating the same table at once, and the second then fails its start.
/// </summary>
internal sealed class MigrationHostedService<TContext>(
    IServiceProvider services,
    NpgsqlDataSource dataSource,
    ILogger<MigrationHostedService<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>One key per database for every service's migration (the value only has to differ from other advisory locks).</summary>
    private const long MigrationLockKey = 0x4D49_4752_4154_45;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await WaitForServerAsync(cancellationToken);

        // Held by this session until it closes, so a replica that dies mid-migration releases it.
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", lockConnection))
            await take.ExecuteNonQueryAsync(cancellationToken);

        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        await context.Database.MigrateAsync(cancellationToken);
        logger.LogInformation("The {Context} schema is up to date", typeof(TContext).Name);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Waits here rather than through EF's retrying strategy, whose back-off would keep a broken
    // start going for minutes. A server that answers with an error (e.g. a missing database) is
    // reachable: the migration reports that error itself.
    private async Task WaitForServerAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException exception) when (exception.IsTransient && DateTime.UtcNow < deadline)
            {
                logger.LogWarning("Waiting for the database server of {Context}: {Reason}", typeof(TContext).Name, exception.Message);
                await Task.Delay(RetryDelay, cancellationToken);
            }
            catch (PostgresException)
            {
                return;
            }
        }
    }
}
