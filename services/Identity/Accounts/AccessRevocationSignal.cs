using CustomerPlatform.Contracts;
using Npgsql;

namespace CustomerPlatform.Identity;

/// <summary>
/// Tells this Identity replica's waiting revocation reads (<see cref="AccessRevocationFeed"/>) that a revocation
/// was committed, by any replica: it listens on <see cref="Channel"/>, which a trigger on <c>access_revocations</c>
/// notifies when a transaction that inserted one commits. Each notification moves <see cref="Current"/>'s version on
/// and completes its task. While it is not listening (starting, the database unreachable, stopping) nobody
/// may wait on it: <see cref="Listening"/> is false, and every reconnect moves the version on, so whatever
/// committed in between is read again.
/// </summary>
public sealed partial class AccessRevocationSignal : BackgroundService
{
    public const string Channel = "access_revocations";

    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);

    /// <summary>How long the listening connection may be silent before it is checked with a query.</summary>
    private static readonly TimeSpan Check = TimeSpan.FromSeconds(30);

    private readonly string _connectionString;
    private readonly ILogger<AccessRevocationSignal> _logger;
    private readonly string _instance = Guid.NewGuid().ToString("N")[..12];
    private readonly Lock _gate = new();
    private long _generation;
    private TaskCompletionSource _changed = New();
    private volatile bool _listening;
    private volatile bool _stopping;

    public AccessRevocationSignal(IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<AccessRevocationSignal> logger)
    {
        // Its own connection, outside the pool: held for the process's life, it would take one of the pool's few slots.
        _connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString(ResourceNames.Databases.Identity))
        {
            Pooling = false,
        }.ConnectionString;
        _logger = logger;
        // Waiting reads end as the host stops, rather than holding its shutdown for their full wait.
        lifetime.ApplicationStopping.Register(() =>
        {
            _stopping = true;
            Move();
        });
    }

    /// <summary>Whether a read may wait for <see cref="Current"/>'s task: a committed revocation would complete it.</summary>
    public bool Listening => _listening && !_stopping;

    /// <summary>The version now (this replica's, unique to it) and a task that completes when it moves on.</summary>
    public (string Version, Task Changed) Current()
    {
        lock (_gate)
            return ($"{_instance}.{_generation}", _changed.Task);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => Move();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                _listening = true;
                failures = 0;
                Move();
                while (true)
                {
                    if (!await connection.WaitAsync(Check, stoppingToken))
                    {
                        await using var check = new NpgsqlCommand("SELECT 1", connection);
                        await check.ExecuteScalarAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                if (failures++ % 20 == 0)
                    LogListenFailed(_logger, failures, exception.GetBaseException().Message);
            }
            finally
            {
                _listening = false;
                Move();
            }

            try
            {
                await Task.Delay(Retry, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Move()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _generation++;
            changed = _changed;
            _changed = New();
        }
        changed.TrySetResult();
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for access revocations failed ({Failures} time(s) in a row); reads do not wait meanwhile: {Reason}")]
    private static partial void LogListenFailed(ILogger logger, int failures, string reason);
}
