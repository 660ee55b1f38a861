using System.Text.RegularExpressions;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace CustomerPlatform.Messaging.Scheduling;

/// <summary>
/// The durable scheduler as a piece of <c>AddMessaging</c> (see
/// <see cref="PostgresSchedulerRegistrationExtensions.AddPostgresScheduler{TDbContext}"/>): the service's own
/// scheduler queue and table, the bus scheduling through it, and scheduled redelivery on every other
/// endpoint (<see cref="DefaultRedeliveryIntervals"/> unless other intervals are given; none turns it off).
/// </summary>
public sealed partial class PostgresSchedulerExtension<TDbContext>(
    string? schedulerQueue = null,
    Action<PostgresSchedulerOptions>? configure = null,
    TimeSpan[]? redeliveryIntervals = null) : IMessagingExtension
    where TDbContext : DbContext
{
    /// <summary>
    /// After the immediate retries: a message that still fails goes back to its queue after 10 s, then
    /// 1 min, then 5 min (a broker, SMTP server or other service that is briefly away comes back in that
    /// time), and only then to its error queue.
    /// </summary>
    public static readonly TimeSpan[] DefaultRedeliveryIntervals =
        [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)];

    private readonly TimeSpan[] _redeliveryIntervals = redeliveryIntervals ?? DefaultRedeliveryIntervals;
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
        if (_redeliveryIntervals.Length > 0 && queueName != Queue)
            endpoint.UseScheduledRedelivery(retry => retry.Intervals(_redeliveryIntervals));
    }

    private string Queue => _queue ?? throw new InvalidOperationException("The scheduler extension was not registered");

    private static string KebabCase(string name) =>
        WordBoundary().Replace(name.Replace('.', '-').Replace('_', '-'), "$1-$2").ToLowerInvariant();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex WordBoundary();
}
