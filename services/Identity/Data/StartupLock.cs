using Npgsql;

namespace CustomerPlatform.Identity;

/// <summary>
/// Identity runs several replicas that start together on one database. A PostgreSQL advisory lock,
/// taken after the migration and released after seeding, lets one replica seed the clients, roles and
/// staff accounts while the others wait, then find everything in place instead of racing to insert
/// the same rows. (The migration has its own turn-taking in ServiceDefaults; the server is reachable
/// by the time this runs, because the migration waited for it.)
/// </summary>
public sealed class StartupLock([FromKeyedServices(ResourceNames.Databases.Identity)] NpgsqlDataSource dataSource)
{
    private const long LockId = 0x1D_5EED;

    private NpgsqlConnection? _connection;

    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        _connection = await dataSource.OpenConnectionAsync(cancellationToken);
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

    /// <summary>Registered after the migration and the bus.</summary>
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
