using Npgsql;

namespace CustomerPlatform.AppHost.Hosting;

/// <summary>
/// PostgreSQL in <c>&lt;data&gt;/&lt;name&gt;/data</c> (initialised once, kept between runs) with a
/// generated password kept next to it. As root it runs as the <c>postgres</c> user.
/// </summary>
internal sealed class PostgresRunner(PostgresServerResource resource, RunnerContext context)
    : ResourceRunner(resource, context), IConnectionStringSource
{
    private const string SystemUser = "postgres";
    private readonly SemaphoreSlim _databaseCreation = new(1, 1);
    private string _password = "";

    private string Root => Path.Combine(Context.DataDirectory, Resource.Name);

    private string DataFolder => Path.Combine(Root, "data");

    private string PasswordFile => Path.Combine(Root, "password");

    public string ConnectionString => ConnectionStringFor(null);

    public string ConnectionStringFor(string? database) =>
        $"Host=127.0.0.1;Port={Port("tcp")};Username=postgres;Password={_password}" + (database is null ? "" : $";Database={database}");

    public override void Prepare()
    {
        base.Prepare();
        _password = SecretFile.ReadOrCreate(PasswordFile);
    }

    /// <summary>Creates the database if it does not exist; one at a time, as CREATE DATABASE copies a shared template.</summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        await _databaseCreation.WaitAsync(cancellationToken);
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres") + ";Pooling=false");
            await connection.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                // The name is validated by AddDatabase (letters, digits, underscores), so quoting it is enough.
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
                Log.Add(Resource.Name, isError: false, $"Created database {database}.");
            }
        }
        finally
        {
            _databaseCreation.Release();
        }
    }

    /// <summary>Opens a fresh (unpooled) connection and runs SELECT 1.</summary>
    public async Task<bool> AcceptsConnectionsAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor(database) + ";Pooling=false;Timeout=3;Command Timeout=3");
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is 1;
    }

    protected override async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var bin = Executables.PostgresBin(Context.Options.PostgresBinDirectory);
        var user = ServiceAccount.For(SystemUser);
        var sockets = Directory.CreateDirectory(Path.Combine(Root, "sockets")).FullName;
        await ServiceAccount.GiveAsync(Root, user, cancellationToken);
        await ServiceAccount.EnsureWritableAsync(Root, user, cancellationToken);
        if (!File.Exists(Path.Combine(DataFolder, "PG_VERSION")))
        {
            await InitializeAsync(bin, user, cancellationToken);
        }

        RemoveStaleLockFile();
        var port = Port("tcp");
        // Six services with pools of at most 20 (ServiceDefaults' DefaultMaxPoolSize) plus migrations, health
        // checks, the dashboard and a developer's psql: the default 100 slots ran out under a burst of sign-ups.
        var process = StartProcess(new ProcessSpec(
            Resource.Name,
            Path.Combine(bin, "postgres"),
            ["-D", DataFolder, "-p", $"{port}", "-c", "listen_addresses=127.0.0.1", "-c", $"max_connections={MaxConnections}", "-k", sockets],
            new Dictionary<string, string>(),
            Root,
            user,
            Libc.SIGINT));
        AddInstance(new RunnerInstance(Resource.Name, process, $"tcp://127.0.0.1:{port}"), ct => AcceptsConnectionsAsync("postgres", ct));
    }

    /// <summary>The server's connection slots (PostgreSQL's default is 100).</summary>
    public const int MaxConnections = 200;

    private async Task InitializeAsync(string bin, string? user, CancellationToken cancellationToken)
    {
        if (Directory.Exists(DataFolder))
        {
            Directory.Delete(DataFolder, recursive: true); // a half-initialised folder from an interrupted first run
        }

        Log.Add(Resource.Name, isError: false, $"Initialising a new database cluster in {DataFolder}.");
        string[] initdb = [Path.Combine(bin, "initdb"), "-D", DataFolder, "-U", "postgres", "-E", "UTF8", "--no-locale",
            "--auth=scram-sha-256", $"--pwfile={PasswordFile}"];
        string[] command = user is null ? initdb : [.. ServiceAccount.SwitchUserPrefix(user), .. initdb];
        var output = await CommandRunner.RunCheckedAsync(command[0], command[1..], cancellationToken, Root);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Log.Add(Resource.Name, isError: false, line);
        }
    }

    /// <summary>A postmaster.pid left by a killed server blocks the start; it is stale once no postgres process has its pid.</summary>
    private void RemoveStaleLockFile()
    {
        var lockFile = Path.Combine(DataFolder, "postmaster.pid");
        if (!File.Exists(lockFile))
        {
            return;
        }

        var firstLine = File.ReadLines(lockFile).FirstOrDefault();
        var alive = int.TryParse(firstLine, out var pid) && File.Exists($"/proc/{pid}/comm")
            && File.ReadAllText($"/proc/{pid}/comm").Trim() == "postgres";
        if (!alive)
        {
            File.Delete(lockFile);
            Log.Add(Resource.Name, isError: false, $"Removed a stale postmaster.pid (process {firstLine} is gone).");
        }
    }
}
