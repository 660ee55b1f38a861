using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace CustomerPlatform.ServiceDefaults;

/// <summary>Healthy when a pooled connection to the database opens and answers a query.</summary>
internal sealed class NpgsqlHealthCheck(NpgsqlDataSource dataSource, string query) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand(query);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, exception.Message, exception);
        }
    }
}
