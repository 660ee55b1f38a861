using System.Text.RegularExpressions;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace CustomerPlatform.Messaging.Scheduling;

/// <summary>
/// The durable scheduler as a piece of <c>AddMessaging</c> (see
/// <see cref="PostgresSchedulerRegistrationExtensions.AddPostgresScheduler{TDbContext}"/>): the service's own
/// scheduler queue and table, the bus scheduling through it, and optionally scheduled redelivery.
/// </summary>
public sealed partial class PostgresSchedulerExtension<TDbContext>(
    string? schedulerQueue = null,
    Action<PostgresSchedulerOptions>? configure = null,
    TimeSpan[]? redeliveryIntervals = null) : IMessagingExtension
    where TDbContext : DbContext
{
    private string? _queue = schedulerQueue;

    public void ConfigureRegistration(IHostApplicationBuilder builder, IBusRegistrationConfigurator bus)
    {
        _queue ??= PostgresSchedulerRegistrationExtensions.SchedulerQueueName(KebabCase(builder.Environment.ApplicationName));
        bus.AddPostgresSchedulerEndpoint<TDbContext>(_queue, configure);
    }

    public void ConfigureBus(IBusRegistrationContext context, IRabbitMqBusFactoryConfigurator rabbit) =>
        rabbit.UseMessageScheduler(PostgresSchedulerRegistrationExtensions.SchedulerAddress(Queue));

    public void ConfigureEndpoint(IRegistrationContext context, string queueName, IReceiveEndpointConfigurator endpoint)
    {
        // The scheduler's own endpoint is not redelivered through itself: a failing store is retried and then errors.
        if (redeliveryIntervals is { Length: > 0 } intervals && queueName != Queue)
            endpoint.UseScheduledRedelivery(retry => retry.Intervals(intervals));
    }

    private string Queue => _queue ?? throw new InvalidOperationException("The scheduler extension was not registered");

    private static string KebabCase(string name) =>
        WordBoundary().Replace(name.Replace('.', '-').Replace('_', '-'), "$1-$2").ToLowerInvariant();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex WordBoundary();
}
