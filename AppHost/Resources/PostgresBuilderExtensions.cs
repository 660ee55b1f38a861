using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CustomerPlatform.AppHost.Resources;

public static partial class PostgresBuilderExtensions
{
    private const string SystemUser = "postgres";

    /// <summary>
    /// Adds a PostgreSQL server from the machine's Debian package. As root it runs as the
    /// <c>postgres</c> user (through setpriv, which execs, so DCP watches the server itself).
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name)
    {
        var options = builder.GetAppHostOptions();
        var root = Path.Combine(options.ResolveDataDirectory(), name);
        var bin = Executables.PostgresBin(options.PostgresBinDirectory);
        var user = ServiceAccount.For(SystemUser);
        var password = builder.AddGeneratedSecret($"{name}-password", Path.Combine(root, "password"));
        var server = new PostgresServerResource(name, user is null ? Path.Combine(bin, "postgres") : "setpriv", root, password.Resource);

        var healthKey = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthKey, _ => new PostgresHealthCheck(server, database: null), HealthStatus.Unhealthy, tags: null, timeout: TimeSpan.FromSeconds(5)));

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, async (@event, cancellationToken) =>
        {
            var logger = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
            await PrepareClusterAsync(server, bin, user, logger, cancellationToken);
        });
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (@event, cancellationToken) =>
        {
            var logger = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
            foreach (var database in server.Databases)
                await CreateDatabaseAsync(server, database.DatabaseName, logger, cancellationToken);
        });

        ChildResourceStates.Mirror(builder, server, () => server.Databases);

        return builder.AddResource(server)
            .WithServerEndpoint(PostgresServerResource.EndpointName, "tcp", options.Ports.Postgres, options.ProxyServers)
            .WithArgs(context =>
            {
                if (user is not null)
                {
                    foreach (var part in ServiceAccount.SwitchUserPrefix(user))
                        context.Args.Add(part);
                    context.Args.Add(Path.Combine(bin, "postgres"));
                }

                context.Args.Add("-D");
                context.Args.Add(Path.Combine(root, "data"));
                context.Args.Add("-p");
                context.Args.Add(server.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("-k");
                context.Args.Add(Path.Combine(root, "sockets"));
                foreach (var setting in new[] { "listen_addresses=127.0.0.1", $"max_connections={PostgresServerResource.MaxConnections}" })
                {
                    context.Args.Add("-c");
                    context.Args.Add(setting);
                }
            })
            .WithHealthCheck(healthKey)
            .WithIconName("DatabaseStack");
    }

    /// <summary>Adds a database, created on the server once the server is healthy.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null)
    {
        databaseName ??= name;
        if (!DatabaseNamePattern().IsMatch(databaseName))
            throw new ArgumentException($"'{databaseName}' is not a database name this AppHost creates (letters, digits and underscores).", nameof(databaseName));

        var database = new PostgresDatabaseResource(name, databaseName, server.Resource);
        server.Resource.Add(database);
        var healthKey = $"{name}_check";
        server.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthKey, _ => new PostgresHealthCheck(server.Resource, databaseName), HealthStatus.Unhealthy, tags: null, timeout: TimeSpan.FromSeconds(5)));
        return server.ApplicationBuilder.AddResource(database).WithHealthCheck(healthKey).WithIconName("Database");
    }

    private static async Task PrepareClusterAsync(PostgresServerResource server, string bin, string? user, ILogger logger, CancellationToken cancellationToken)
    {
        var data = Path.Combine(server.Root, "data");
        Directory.CreateDirectory(Path.Combine(server.Root, "sockets"));
        var password = await server.PasswordParameter.GetValueAsync(cancellationToken); // writes the password file on the first run
        await ServiceAccount.GiveAsync(server.Root, user, cancellationToken);
        await ServiceAccount.EnsureWritableAsync(server.Root, user, cancellationToken);
        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            if (Directory.Exists(data))
                Directory.Delete(data, recursive: true); // a half-initialised folder from an interrupted first run

            logger.LogInformation("Initialising a new database cluster in {Folder}.", data);
            var passwordFile = Path.Combine(server.Root, "initdb-password");
            await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
            await ServiceAccount.GiveAsync(passwordFile, user, cancellationToken);
            try
            {
                string[] initdb = [Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "-E", "UTF8", "--no-locale",
                    "--auth=scram-sha-256", $"--pwfile={passwordFile}"];
                string[] command = user is null ? initdb : [.. ServiceAccount.SwitchUserPrefix(user), .. initdb];
                var output = await CommandRunner.RunCheckedAsync(command[0], command[1..], cancellationToken, server.Root);
                foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    logger.LogInformation("{Line}", line);
            }
            finally
            {
                File.Delete(passwordFile);
            }
        }

        RemoveStaleLockFile(data, logger);
    }

    /// <summary>A postmaster.pid left by a killed server blocks the start; it is stale once no postgres process has its pid.</summary>
    private static void RemoveStaleLockFile(string data, ILogger logger)
    {
        var lockFile = Path.Combine(data, "postmaster.pid");
        if (!File.Exists(lockFile))
            return;

        var firstLine = File.ReadLines(lockFile).FirstOrDefault();
        var alive = int.TryParse(firstLine, out var pid) && File.Exists($"/proc/{pid}/comm")
            && File.ReadAllText($"/proc/{pid}/comm").Trim() == "postgres";
        if (!alive)
        {
            File.Delete(lockFile);
            logger.LogInformation("Removed a stale postmaster.pid (process {Pid} is gone).", firstLine);
        }
    }

    /// <summary>Creates the database if it does not exist.</summary>
    private static async Task CreateDatabaseAsync(PostgresServerResource server, string database, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(await PostgresHealthCheck.ConnectionStringAsync(server, "postgres", cancellationToken));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            // The name is checked by AddDatabase (letters, digits, underscores), so quoting it is enough.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            logger.LogInformation("Created database {Database}.", database);
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex DatabaseNamePattern();
}

/// <summary>Healthy when a fresh (unpooled) connection to the database runs SELECT 1.</summary>
internal sealed class PostgresHealthCheck(PostgresServerResource server, string? database) : IHealthCheck
{
    public static async Task<string> ConnectionStringAsync(PostgresServerResource server, string database, CancellationToken cancellationToken) =>
        new NpgsqlConnectionStringBuilder(await server.ConnectionStringExpression.GetValueAsync(cancellationToken))
        {
            Database = database,
            Pooling = false,
            Timeout = 3,
            CommandTimeout = 3,
        }.ConnectionString;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(await ConnectionStringAsync(server, database ?? "postgres", cancellationToken));
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(exception.Message, exception);
        }
    }
}
