using CustomerPlatform.Messaging.Outbox;
using CustomerPlatform.ServiceDefaults;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.DependencyInjection;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CustomerPlatform.Messaging;

public static class MessagingRegistrationExtensions
{
    /// <summary>
    /// Durable messaging for a service, on its own DbContext (which must map
    /// <see cref="MessagingModelBuilderExtensions.AddMessagingTables"/> and each saga with <c>MapSaga</c>):
    /// RabbitMQ from <c>ConnectionStrings__messaging</c> with kebab-case endpoints; every saga in PostgreSQL;
    /// on every receive endpoint message retry, then the consumer outbox and inbox; the bus outbox for
    /// sends and publishes outside a message, with its delivery service; and the extensions of
    /// <paramref name="options"/>.
    /// <code>builder.AddMessaging&lt;AppDbContext&gt;(x => { x.AddSagaStateMachine&lt;M, S&gt;(); x.AddConsumer&lt;C&gt;(); });</code>
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TDbContext>(
        this IHostApplicationBuilder builder,
        Action<IBusRegistrationConfigurator> configure,
        Action<MessagingOptions>? options = null)
        where TDbContext : DbContext
    {
        var settings = new MessagingOptions();
        options?.Invoke(settings);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(settings));

        builder.AddRabbitMqMessaging(settings.ConnectionName, bus =>
        {
            // Before any saga is added: MassTransit applies the provider as each one is registered.
            bus.SetPostgresSagaRepositoryProvider<TDbContext>();

            bus.AddConfigureEndpointsCallback((context, queueName, endpoint) =>
                ConfigureEndpoint<TDbContext>(context, queueName, endpoint, settings));

            foreach (var extension in settings.Extensions)
                extension.ConfigureRegistration(builder, bus);

            configure(bus);
        }, (context, rabbit) =>
        {
            foreach (var extension in settings.Extensions)
                extension.ConfigureBus(context, rabbit);
        });

        builder.Services.TryAddScoped<IOutboxContextFactory<TDbContext>, PostgresOutboxContextFactory<TDbContext>>();
        builder.Services.Replace(ServiceDescriptor.Scoped<IScopedBusContextProvider<IBus>, PostgresScopedBusContextProvider<TDbContext>>());
        builder.Services.TryAddSingleton<OutboxDeliverySignal<TDbContext>>();
        builder.Services.AddHostedService<OutboxDeliveryService<TDbContext>>();
        return builder;
    }

    /// <summary>
    /// Puts the consumer outbox and inbox of <typeparamref name="TDbContext"/> in front of every consumer
    /// and saga of the endpoint (AddMessaging does it for every endpoint it configures; this is for an
    /// endpoint configured by hand).
    /// </summary>
    public static void UsePostgresOutbox<TDbContext>(this IReceiveEndpointConfigurator endpoint, IRegistrationContext context, int messageDeliveryLimit = 100)
        where TDbContext : DbContext
    {
        var observer = new OutboxConsumePipeSpecificationObserver<TDbContext>(endpoint, context)
        {
            MessageDeliveryLimit = messageDeliveryLimit,
        };
        endpoint.ConnectConsumerConfigurationObserver(observer);
        endpoint.ConnectSagaConfigurationObserver(observer);
    }

    private static void ConfigureEndpoint<TDbContext>(IRegistrationContext context, string queueName, IReceiveEndpointConfigurator endpoint, MessagingOptions settings)
        where TDbContext : DbContext
    {
        foreach (var extension in settings.Extensions)
            extension.ConfigureEndpoint(context, queueName, endpoint);

        // Retry wraps the outbox: each attempt is a new transaction, and a failed one left nothing behind.
        if (settings.RetryIntervals.Length > 0)
            endpoint.UseMessageRetry(retry => retry.Intervals(settings.RetryIntervals));

        endpoint.UsePostgresOutbox<TDbContext>(context, settings.MessageDeliveryLimit);
    }
}
