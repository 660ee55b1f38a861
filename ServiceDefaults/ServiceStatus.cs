using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace CustomerPlatform.ServiceDefaults;

/// <summary>
/// What a service's <c>GET /api/{route}/status</c> answers: which service, which build, and which
/// replica served the request (so a test can see the gateway spread requests over replicas).
/// </summary>
public sealed record ServiceStatus(string Service, string Version, string Instance)
{
    public static ServiceStatus Describe(string service, IConfiguration configuration) =>
        new(service, BuildVersion, InstanceId(configuration));

    private static readonly string BuildVersion =
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    // The AppHost names replicas in OTEL_RESOURCE_ATTRIBUTES (service.instance.id=...), as Aspire does.
    private static string InstanceId(IConfiguration configuration)
    {
        var attributes = configuration["OTEL_RESOURCE_ATTRIBUTES"] ?? "";
        foreach (var attribute in attributes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = attribute.Split('=', 2);
            if (pair.Length == 2 && pair[0].Trim() == "service.instance.id")
                return Uri.UnescapeDataString(pair[1].Trim());
        }
        return $"{Environment.MachineName}:{Environment.ProcessId}";
    }
}
