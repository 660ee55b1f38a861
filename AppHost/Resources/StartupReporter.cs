using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CustomerPlatform.AppHost.Resources;

/// <summary>
/// Prints each resource's state as it changes, and once every resource is running and healthy, how
/// long that took (the cold-start figure the README quotes). The dashboard shows the same states.
/// </summary>
internal sealed class StartupReporter(ResourceNotificationService notifications, DistributedApplicationModel model, ILogger<StartupReporter> logger)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        var watched = model.Resources.Where(r => r is not ParameterResource).Select(r => r.Name).ToHashSet();
        // Each instance (a replica is one) by its id, with the resource it belongs to and its state.
        var last = new Dictionary<string, (string Resource, string State)>();
        var reported = false;
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (update.Snapshot.IsHidden)
                    watched.Remove(update.Resource.Name);
                if (update.Snapshot.IsHidden || update.Resource is ParameterResource)
                    continue;

                var state = $"{update.Snapshot.State?.Text ?? "?"}{(update.Snapshot.HealthStatus is { } health ? $" ({health})" : "")}";
                if (!last.TryGetValue(update.ResourceId, out var before) || before.State != state)
                {
                    last[update.ResourceId] = (update.Resource.Name, state);
                    logger.LogInformation("{Resource}: {State}", update.ResourceId, state);
                }

                if (!reported && watched.All(name => last.Values.Any(l => l.Resource == name)) && last.Values.All(l => l.State == "Running (Healthy)"))
                {
                    reported = true;
                    logger.LogInformation("All {Count} resources are healthy after {Seconds:0.0} s.", last.Count, _clock.Elapsed.TotalSeconds);
                    foreach (var resource in model.Resources.OfType<IResourceWithEndpoints>().Where(r => r is not ProjectResource || r.Name == CustomerPlatform.Contracts.ResourceNames.Gateway))
                    {
                        foreach (var endpoint in resource.Annotations.OfType<EndpointAnnotation>().Where(e => e.UriScheme == "http" && e.AllocatedEndpoint is not null))
                            logger.LogInformation("{Resource} ({Endpoint}): {Url}", resource.Name, endpoint.Name, endpoint.AllocatedEndpoint!.UriString);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Starts watching before the orchestrator starts the resources (hosted services would start only after it).</summary>
    public static void Register(IDistributedApplicationBuilder builder) =>
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, cancellationToken) =>
        {
            var services = @event.Services;
            var reporter = new StartupReporter(
                services.GetRequiredService<ResourceNotificationService>(), @event.Model, services.GetRequiredService<ILogger<StartupReporter>>());
            _ = reporter.WatchAsync(services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
            return Task.CompletedTask;
        });
}
