using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace CustomerPlatform.ServiceDefaults;

public static class StatusEndpoint
{
    /// <summary>Maps <c>GET {group}/status</c>: the service, its build and the replica that answered.</summary>
    public static RouteGroupBuilder MapStatus(this RouteGroupBuilder api, string service)
    {
        api.MapGet("status", (IConfiguration configuration) => TypedResults.Ok(ServiceStatus.Describe(service, configuration)))
            .WithName($"Get{char.ToUpperInvariant(service[0])}{service[1..]}Status")
            .WithSummary("The service, its version and the replica that answered");
        return api;
    }
}
