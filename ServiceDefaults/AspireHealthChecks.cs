using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CustomerPlatform.ServiceDefaults;

/// <summary>
/// Takes over a health check that an Aspire client integration registered under its own name
/// (<c>PostgreSql_identitydb</c>, <c>RabbitMQ.Client_messaging</c>) and files it the way ours are:
/// under the connection's name, which is what <c>/health</c>, the gateway's <c>/health/{service}</c> and
/// the people reading them know the dependency by; tagged <see cref="HealthCheckTags.Ready"/>; and given a
/// timeout, which the integrations leave unset.
/// </summary>
internal static class AspireHealthChecks
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static void Adopt(IServiceCollection services, string aspireName, string name) =>
        // Runs after the integration's own Configure, which adds the registration.
        services.Configure<HealthCheckServiceOptions>(options =>
        {
            var check = options.Registrations.SingleOrDefault(registration => registration.Name == aspireName)
                ?? throw new InvalidOperationException(
                    $"No health check named '{aspireName}' was registered: the Aspire client integration has renamed or dropped it, so '{name}' would go unchecked.");
            check.Name = name;
            check.Tags.Add(HealthCheckTags.Ready);
            check.Timeout = Timeout;
        });
}
