using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CustomerPlatform.ServiceDefaults;

public static class PostgresExtensions
{
    /// <summary>The query of the health check Aspire.Npgsql registers (AspNetCore.HealthChecks.NpgSql's default).</summary>
    private const string HealthCheckQuery = "SELECT 1;";

    /// <summary>
    /// Registers <typeparamref name="TContext"/> on the database named by
    /// <c>ConnectionStrings__{connectionName}</c>, a health check with the database's name, and a
    /// hosted service that applies the context's migrations at start.
    /// </summary>
    /// <remarks>
    /// Aspire's client integrations do the standard part (see docs/decisions, ADR-012): Aspire.Npgsql registers
    /// the data source under the connection name with its health check, tracing and metrics;
    /// Aspire.Npgsql.EntityFrameworkCore.PostgreSQL enriches the context with its retrying execution strategy
    /// (and a command timeout, if <c>Aspire:Npgsql:EntityFrameworkCore:PostgreSQL</c> sets one). Ours stay the
    /// pool's caps, the context pool on that data source, and migrations that take turns across replicas.
    /// </remarks>
    public static IHostApplicationBuilder AddPostgresDbContext<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        var healthCheck = false;
        // One data source per database, keyed by its name: it owns the connection pool, and the key keeps a
        // second database (should a service ever need one) from silently replacing the first.
        builder.AddKeyedNpgsqlDataSource(connectionName,
            settings =>
            {
                if (string.IsNullOrWhiteSpace(settings.ConnectionString))
                    throw new InvalidOperationException(
                        $"The connection string '{connectionName}' is missing: set ConnectionStrings__{connectionName}.");
                settings.ConnectionString = WithPoolDefaults(settings.ConnectionString);
                healthCheck = !settings.DisableHealthChecks;
            },
            // Probes run the health check every few seconds; their spans would bury the queries people look for.
            dataSource => dataSource.ConfigureTracing(tracing => tracing.ConfigureCommandFilter(command => command.CommandText != HealthCheckQuery)));
        if (healthCheck)
            AspireHealthChecks.Adopt(builder.Services, $"PostgreSql_{connectionName}", connectionName);

        // Pooled: a message or request reuses a context instead of building one (and its options) anew.
        builder.Services.AddDbContextPool<TContext>((services, options) =>
            options.UseNpgsql(services.GetRequiredKeyedService<NpgsqlDataSource>(connectionName)));

        // The data source's health check above is the database's one check: the context's own (EF's
        // CanConnect) would open a fresh, unpooled connection on every probe, past the pool's cap. Tracing
        // and metrics come from the data source's registration already; a second registration would only
        // add Npgsql's metric views twice.
        builder.EnrichNpgsqlDbContext<TContext>(settings =>
        {
            settings.DisableHealthChecks = true;
            settings.DisableTracing = true;
            settings.DisableMetrics = true;
        });

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
