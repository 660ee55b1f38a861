using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.ServiceDiscovery;

namespace CustomerPlatform.Gateway;

/// <summary>
/// Healthy when every replica of <paramref name="service"/> answers its own <c>/health</c> with
/// success, so the gateway reports ready only when everything behind it is.
/// </summary>
internal sealed class ServiceHealthCheck(string service, ServiceEndpointResolver resolver) : IHealthCheck
{
    // A plain client on purpose: the default HttpClient pipeline retries for up to 30 seconds,
    // which would hide a failing replica and outlast the health check's timeout.
    private static readonly HttpClient Probe = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var serviceUri = new Uri($"http://{service}");
        var source = await resolver.GetEndpointsAsync(serviceUri.GetLeftPart(UriPartial.Authority), cancellationToken);
        if (source.Endpoints.Count == 0)
            return new HealthCheckResult(context.Registration.FailureStatus, $"No endpoints are configured for {service}.");

        var probes = source.Endpoints.Select(endpoint => ProbeAsync(new Uri(ServiceEndpointAddress.ToUri(endpoint, serviceUri), "/health"), cancellationToken));
        var failures = (await Task.WhenAll(probes)).OfType<string>().ToList();

        return failures.Count == 0
            ? HealthCheckResult.Healthy($"{source.Endpoints.Count} replica(s) healthy.")
            : new HealthCheckResult(context.Registration.FailureStatus, string.Join(" ", failures));
    }

    // Returns why the replica is unhealthy, or null when it is healthy.
    private static async Task<string?> ProbeAsync(Uri health, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Probe.GetAsync(health, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"{health} answered {(int)response.StatusCode}.";
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return $"{health} is unreachable: {exception.Message}";
        }
    }
}
