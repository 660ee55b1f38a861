using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CustomerPlatform.ServiceDefaults;

public static class PostgresExtensions
{
    private const string HealthCheckQuery = "SELECT 1";

    /// <summary>
    /// Registers <typeparamref name="TContext"/> on the database named by
    /// <c>ConnectionStrings__{connectionName}</c>, a health check with the database's name, and a
    /// hosted service that applies the context's migrations at start.
    /// </summary>
    public static IHostApplicationBuilder AddPostgresDbContext<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException(
                $"The connection string '{connectionName}' is missing: set ConnectionStrings__{connectionName}.");

        // One data source per database: it owns the connection pool, and the key keeps a second
        // database (should a service ever need one) from silently replacing the first.
        builder.Services.AddKeyedSingleton(connectionName, (services, _) => new NpgsqlDataSourceBuilder(WithPoolDefaults(connectionString))
            .UseLoggerFactory(services.GetRequiredService<ILoggerFactory>())
            .ConfigureTracing(tracing => tracing.ConfigureCommandFilter(command => command.CommandText != HealthCheckQuery))
            .Build());

        // Pooled: a message or request reuses a context instead of building one (and its options) anew.
        builder.Services.AddDbContextPool<TContext>((services, options) => options.UseNpgsql(
            services.GetRequiredKeyedService<NpgsqlDataSource>(connectionName),
            npgsql => npgsql.EnableRetryOnFailure()));

        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            services => new NpgsqlHealthCheck(services.GetRequiredKeyedService<NpgsqlDataSource>(connectionName), HealthCheckQuery),
            failureStatus: HealthStatus.Unhealthy,
            tags: [HealthCheckTags.Ready],
            timeout: TimeSpan.FromSeconds(5)));

        builder.Services.AddHostedService(services => new MigrationHostedService<TContext>(
            services,
            services.GetRequiredKeyedService<NpgsqlDataSource>(connectionName),
            services.GetRequiredService<ILogger<MigrationHostedService<TContext>>>()));

        return builder;
    }

    /// <summary>
    /// Every service shares one PostgreSQL server whose connection slots are few (AppHost:
    /// <c>max_connections</c>), so each pool is capped at <see cref="DefaultMaxPoolSize"/>: under a burst, requests
    /// queue for a pooled connection (and get 503 if the wait runs out, <see cref="ServiceBusyExceptionHandler"/>)
    /// instead of one service taking every slot and the server refusing the others. On this 2-core machine more
    /// connections would not run more queries at once anyway. Statements a service runs over and over (the inbox
    /// upsert, the saga lock, EF's updates) are prepared on each connection after a few uses, so PostgreSQL stops
    /// parsing and planning them every time. A connection string that says otherwise wins on both.
    /// </summary>
    internal static string WithPoolDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant())
            .ToHashSet();
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("maxautoprepare"))
            settings.MaxAutoPrepare = 64;
        if (!given.Contains("maxpoolsize") && !given.Contains("maximumpoolsize"))
            settings.MaxPoolSize = DefaultMaxPoolSize;
        return settings.ConnectionString;
    }

    /// <summary>Connections one service's pool may hold; the AppHost sizes the server for six services of this.</summary>
    public const int DefaultMaxPoolSize = 20;
}
