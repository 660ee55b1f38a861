using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace CustomerPlatform.Gateway;

internal static class Extensions
{
    private const long DefaultMaxRequestBodySize = 1024 * 1024;

    public static void AddGateway(this WebApplicationBuilder builder)
    {
        // Nothing the platform accepts is large; a configured Gateway:MaxRequestBodySize raises the cap.
        var maxRequestBodySize = builder.Configuration.GetValue<long?>("Gateway:MaxRequestBodySize") ?? DefaultMaxRequestBodySize;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxRequestBodySize);

        // Routes and clusters are in appsettings.json; a cluster's destination (http://identity) is a
        // service name that the resolver expands to every replica the AppHost configured.
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        builder.Services.AddSingleton<IDestinationResolver, ServiceDiscoveryDestinationResolver>();

        var healthChecks = builder.Services.AddHealthChecks();
        foreach (var service in ResourceNames.Services.All)
        {
            healthChecks.Add(new HealthCheckRegistration(
                service,
                services => ActivatorUtilities.CreateInstance<ServiceHealthCheck>(services, service),
                failureStatus: HealthStatus.Unhealthy,
                tags: [HealthCheckTags.Ready],
                timeout: TimeSpan.FromSeconds(10)));
        }
    }
}
