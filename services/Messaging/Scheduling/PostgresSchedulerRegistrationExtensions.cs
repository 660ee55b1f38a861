using CustomerPlatform.Messaging.Scheduling;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustomerPlatform.Messaging;

public static class PostgresSchedulerRegistrationExtensions
{
    /// <summary>The scheduler queue of a service: <c>&lt;service&gt;-scheduler</c>.</summary>
    public static string SchedulerQueueName(string serviceName) => $"{serviceName}-scheduler";

    public static Uri SchedulerAddress(string schedulerQueue) => new($"queue:{schedulerQueue}");

    /// <summary>
    /// The durable scheduler of this service: a receive endpoint <paramref name="schedulerQueue"/> that
    /// stores <c>ScheduleMessage</c> and <c>CancelScheduledMessage</c> in the scheduler table of
    /// <typeparamref name="TDbContext"/> (mapped by <c>modelBuilder.AddSchedulerTable()</c>), a background
    /// dispatcher that sends due rows, <see cref="IMessageScheduler"/> in the container, and every endpoint
    /// configured by <c>ConfigureEndpoints</c> scheduling through it (saga <c>Schedule</c>/<c>Unschedule</c>,
    /// <c>context.ScheduleSend</c>, <c>UseScheduledRedelivery</c>). Endpoints configured by hand need
    /// <see cref="UsePostgresMessageScheduler"/> on the bus instead.
    /// </summary>
    public static IBusRegistrationConfigurator AddPostgresMessageScheduler<TDbContext>(
        this IBusRegistrationConfigurator configurator,
        string schedulerQueue,
        Action<PostgresSchedulerOptions>? configure = null)
        where TDbContext : DbContext
    {
        configurator.AddPostgresSchedulerEndpoint<TDbContext>(schedulerQueue, configure);
        var address = SchedulerAddress(schedulerQueue);
        configurator.AddConfigureEndpointsCallback((_, _, endpoint) => endpoint.UseMessageScheduler(address));
        return configurator;
    }

    /// <summary>The scheduler endpoint, its dispatcher and <see cref="IMessageScheduler"/>, without telling any endpoint to use it.</summary>
    internal static void AddPostgresSchedulerEndpoint<TDbContext>(
        this IBusRegistrationConfigurator configurator,
        string schedulerQueue,
        Action<PostgresSchedulerOptions>? configure)
        where TDbContext : DbContext
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schedulerQueue);

        var options = configurator.AddOptions<PostgresSchedulerOptions>();
        if (configure is not null)
            options.Configure(configure);

        configurator.TryAddSingleton<PostgresSchedulerSignal<TDbContext>>();
        configurator.AddHostedService<ScheduledMessageDispatcher<TDbContext>>();
        configurator.AddMessageScheduler(SchedulerAddress(schedulerQueue));
        configurator.AddConsumer<ScheduleMessageConsumer<TDbContext>>()
            .Endpoint(endpoint => endpoint.Name = schedulerQueue);
    }

    /// <summary>
    /// With <c>AddMessaging&lt;TDbContext&gt;</c>: <c>builder.AddMessaging&lt;AppDbContext&gt;(x => …, o => o.AddPostgresScheduler&lt;AppDbContext&gt;())</c>.
    /// The scheduler queue is <c>&lt;service&gt;-scheduler</c> (the kebab-cased application name) unless
    /// <paramref name="schedulerQueue"/> is given. Every other endpoint gets <c>UseScheduledRedelivery</c> (after
    /// the immediate retries, before the error queue) with <paramref name="redeliveryIntervals"/>, by default
    /// <see cref="PostgresSchedulerExtension{TDbContext}.DefaultRedeliveryIntervals"/>; an empty array turns it off.
    /// </summary>
    public static MessagingOptions AddPostgresScheduler<TDbContext>(
        this MessagingOptions options,
        string? schedulerQueue = null,
        Action<PostgresSchedulerOptions>? configure = null,
        TimeSpan[]? redeliveryIntervals = null)
        where TDbContext : DbContext =>
        options.AddExtension(new PostgresSchedulerExtension<TDbContext>(schedulerQueue, configure, redeliveryIntervals));

    /// <summary>Every receive endpoint of the bus schedules through <paramref name="schedulerQueue"/> (use instead of the endpoint callback of <see cref="AddPostgresMessageScheduler{TDbContext}"/> for endpoints configured by hand).</summary>
    public static void UsePostgresMessageScheduler(this IBusFactoryConfigurator configurator, string schedulerQueue) =>
        configurator.UseMessageScheduler(SchedulerAddress(schedulerQueue));
}
