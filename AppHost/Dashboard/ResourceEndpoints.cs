using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using CustomerPlatform.AppHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace CustomerPlatform.AppHost.Dashboard;

/// <summary>/api/resources: the resources with secrets masked, their live changes, and the SRE's commands.</summary>
internal static class ResourceEndpoints
{
    private static readonly HashSet<string> Commands = new(StringComparer.Ordinal) { "start", "stop", "restart", "kill" };

    public static IEndpointRouteBuilder MapResourceApi(this IEndpointRouteBuilder routes)
    {
        var resources = routes.MapGroup("/api/resources");

        resources.MapGet("/", (IResourceMonitor monitor) =>
            Results.Ok(monitor.GetResources().Select(resource => resource.Masked())));

        resources.MapGet("/stream", (HttpContext context, IResourceMonitor monitor, IHostApplicationLifetime lifetime) =>
            TypedResults.ServerSentEvents(Changes(monitor, context.RequestAborted, lifetime.ApplicationStopping)));

        resources.MapGet("/{name}", (string name, bool? reveal, IResourceMonitor monitor) =>
            monitor.GetResource(name) is { } resource
                ? Results.Ok(reveal == true ? resource : resource.Masked())
                : Problems.UnknownResource(name));

        resources.MapPost("/{name}/commands/{command}", async (string name, string command, IResourceMonitor monitor, IHostApplicationLifetime lifetime) =>
        {
            if (monitor.GetResource(name) is null)
                return Problems.UnknownResource(name);
            if (!Commands.Contains(command))
                return Problems.UnknownCommand(command);

            // Not the request's token: closing the tab must not cancel a restart halfway through.
            var accepted = await monitor.ExecuteCommandAsync(name, command, lifetime.ApplicationStopping);
            return accepted ? Results.Accepted() : Problems.UnknownResource(name);
        });

        return routes;
    }

    private static async IAsyncEnumerable<SseItem<ResourceSnapshot>> Changes(
        IResourceMonitor monitor, [EnumeratorCancellation] CancellationToken requestAborted, CancellationToken dashboardStopping)
    {
        var snapshots = LiveFeed.CurrentThenLive(monitor.WatchAsync, monitor.GetResources, requestAborted, dashboardStopping);
        await foreach (var snapshot in snapshots)
            yield return new SseItem<ResourceSnapshot>(snapshot.Masked(), "resource");
    }
}
