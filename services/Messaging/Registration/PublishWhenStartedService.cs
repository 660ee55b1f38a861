using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CustomerPlatform.Messaging;

/// <summary>
/// Publishes one message once the bus is up, so its receive endpoints are bound first: for a request
/// whose answer this service must not miss (e.g. asking another service to announce its state again).
/// Straight to the broker, not through the outbox: the message changes nothing here, and a lost one is
/// sent again at the next start. Retries until the broker takes it or the host stops.
/// </summary>
public sealed class PublishWhenStartedService<T>(IBusControl bus, Func<IServiceProvider, T> create, IServiceProvider services, ILogger<PublishWhenStartedService<T>> logger)
    : BackgroundService
    where T : class
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await bus.WaitForHealthStatus(BusHealthStatus.Healthy, stoppingToken);
                await bus.Publish(create(services), stoppingToken);
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Publishing {Message} at start failed; trying again in {Delay}", typeof(T).Name, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
            }
        }
    }
}

public static class PublishWhenStartedExtensions
{
    /// <summary>Publishes the message <paramref name="create"/> makes once the bus is up (see <see cref="PublishWhenStartedService{T}"/>).</summary>
    public static IServiceCollection PublishWhenStarted<T>(this IServiceCollection services, Func<IServiceProvider, T> create)
        where T : class =>
        services.AddHostedService(provider => ActivatorUtilities.CreateInstance<PublishWhenStartedService<T>>(provider, create));
}
