using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using CustomerPlatform.AppHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace CustomerPlatform.AppHost.Dashboard;

/// <summary>/api/resources/{name}/logs: the console lines kept in memory, and a live stream of new ones.</summary>
internal static class LogEndpoints
{
    public static IEndpointRouteBuilder MapLogApi(this IEndpointRouteBuilder routes)
    {
        var logs = routes.MapGroup("/api/resources/{name}/logs");

        logs.MapGet("/", (string name, long? after, IResourceMonitor monitor) =>
            monitor.GetResource(name) is null
                ? Problems.UnknownResource(name)
                : Results.Ok(monitor.GetLogs(name, after ?? 0)));

        logs.MapGet("/stream", (string name, long? after, HttpContext context, IResourceMonitor monitor, IHostApplicationLifetime lifetime) =>
        {
            if (monitor.GetResource(name) is null)
                return Problems.UnknownResource(name);

            // EventSource reconnects on its own and sends the last id it saw; resume from there.
            var resumeFrom = Math.Max(after ?? 0, LastEventId(context.Request));
            return TypedResults.ServerSentEvents(Lines(monitor, name, resumeFrom, context.RequestAborted, lifetime.ApplicationStopping));
        });

        return routes;
    }

    private static async IAsyncEnumerable<SseItem<LogLine>> Lines(
        IResourceMonitor monitor, string name, long after, [EnumeratorCancellation] CancellationToken requestAborted, CancellationToken dashboardStopping)
    {
        var lines = LiveFeed.CurrentThenLive(
            token => monitor.WatchLogsAsync(name, after, token),
            () => monitor.GetLogs(name, after),
            requestAborted,
            dashboardStopping);

        // The kept lines and the live watch may overlap; the sequence tells which ones were already sent.
        var lastSent = after;
        await foreach (var line in lines)
        {
            if (line.Sequence <= lastSent)
                continue;
            lastSent = line.Sequence;
            yield return new SseItem<LogLine>(line, "log") { EventId = line.Sequence.ToString(CultureInfo.InvariantCulture) };
        }
    }

    private static long LastEventId(HttpRequest request) =>
        long.TryParse(request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
}
