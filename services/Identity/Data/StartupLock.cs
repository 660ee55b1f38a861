using Npgsql;

namespace CustomerPlatform.Identity;

/// <summary>
/// Identity runs several replicas that start together on one database. A PostgreSQL advisory lock,
/// taken before the migration and released after seeding, lets one replica migrate, create the
/// keys and seed while the others wait, then find everything in place. (EF's own migration lock did
/// not stop two replicas creating the same table at once.)
/// </summary>
public sealed class StartupLock([FromKeyedServices(ResourceNames.Databases.Identity)] NpgsqlDataSource dataSource, ILogger<StartupLock> logger)
{
    private const long LockId = 0x1D_5EED;
    private static readonly TimeSpan ServerWait = TimeSpan.FromSeconds(30);

    private NpgsqlConnection? _connection;

    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ServerWait;
        while (true)
        {
            try
            {
                _connection = await dataSource.OpenConnectionAsync(cancellationToken);
                break;
            }
            catch (NpgsqlException exception) when (exception.IsTransient && DateTime.UtcNow < deadline)
            {
                logger.LogWarning("Waiting for identitydb: {Reason}", exception.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({LockId})", _connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ReleaseAsync()
    {
        if (_connection is null)
            return;
        // Closing the session releases the lock.
        await _connection.DisposeAsync();
        _connection = null;
    }

    /// <summary>Registered before the migration.</summary>
    public sealed class Acquire(StartupLock startupLock) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => startupLock.AcquireAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => startupLock.ReleaseAsync();
    }

    /// <summary>Registered after the keys and the seeding.</summary>
    public sealed class Release(StartupLock startupLock) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => startupLock.ReleaseAsync();

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
