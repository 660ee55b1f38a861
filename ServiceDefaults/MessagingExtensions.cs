using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CustomerPlatform.ServiceDefaults;

public static class MessagingExtensions
{
    /// <summary>
    /// Registers MassTransit on the RabbitMQ broker at <c>ConnectionStrings__{connectionName}</c>, an
    /// AMQP URI (<c>amqp://user:password@host:port/vhost</c>). <paramref name="configure"/> adds the
    /// service's consumers and sagas; their endpoints get kebab-case names prefixed with the service's short name. <paramref name="configureBus"/>
    /// configures the bus itself (a message scheduler, bus-wide filters) before its endpoints are created.
    /// </summary>
    public static IHostApplicationBuilder AddRabbitMqMessaging(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<IBusRegistrationConfigurator>? configure = null,
        Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator>? configureBus = null)
    {
        var broker = AmqpAddress.Parse(connectionName, builder.Configuration.GetConnectionString(connectionName));
        var clientName = builder.Environment.ApplicationName;

        AddBrokerClient(builder, connectionName, clientName);

        builder.Services.AddMassTransit(bus =>
        {
            // Queues are named after the service too ("onboarding-staff-account-changed"): two services
            // with a consumer of the same name would otherwise share one queue and each get half the messages.
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(QueuePrefix(clientName), false));

            // MassTransit registers the bus health check itself, tagged "ready" (never "live"): a broker
            // that is down makes /health fail while /alive stays up, so the process is not restarted.
            // It reports the bus and its receive endpoints (consumers, sagas); whether the broker answers
            // is the check named after the connection (AddBrokerClient).
            bus.ConfigureHealthCheckOptions(health => health.Name = BusHealthCheckName(connectionName));

            configure?.Invoke(bus);

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, clientName, host =>
                {
                    host.Username(broker.Username);
                    host.Password(broker.Password);
                    if (broker.UseTls)
                        host.UseSsl(ssl => ssl.ServerName = broker.Host);
                });
                configureBus?.Invoke(context, rabbit);
                rabbit.ConfigureEndpoints(context);
            });
        });

        return builder;
    }

    /// <summary>The name of MassTransit's bus health check: <c>messaging-bus</c> beside the broker's <c>messaging</c>.</summary>
    public static string BusHealthCheckName(string connectionName) => connectionName + "-bus";

    /// <summary>
    /// Aspire.RabbitMQ.Client beside MassTransit's own connection (see docs/decisions, ADR-012), for what
    /// MassTransit does not give: a health check of the broker itself, under the connection's name, that a
    /// bus without receive endpoints also fails when the broker is lost; RabbitMQ.Client's own traces and
    /// its event-source log in our logs. The check opens a channel on a connection of its own (MassTransit
    /// does not share its connection), named after the service in the broker's connection list.
    /// </summary>
    private static void AddBrokerClient(IHostApplicationBuilder builder, string connectionName, string clientName)
    {
        var healthCheck = false;
        builder.AddKeyedRabbitMQClient(connectionName,
            settings =>
            {
                // Connect when /health first asks, once: a broker that is down at start must not hold up
                // or fail the start (MassTransit connects in the background), nor keep a probe waiting
                // through retries; until the connection exists, each probe tries again.
                settings.DisableAutoActivation = true;
                settings.MaxConnectRetryCount = 0;
                healthCheck = !settings.DisableHealthChecks;
            },
            factory =>
            {
                factory.ClientProvidedName = $"{clientName} (health)";
                // The connection is made while the check is created, outside the check's timeout.
                factory.RequestedConnectionTimeout = AspireHealthChecks.Timeout;
            });
        if (healthCheck)
            AspireHealthChecks.Adopt(builder.Services, $"RabbitMQ.Client_{connectionName}", connectionName);
    }

    /// <summary>The service's short name from its application name: <c>CustomerPlatform.Onboarding</c> → <c>onboarding</c>.</summary>
    public static string QueuePrefix(string applicationName) =>
        applicationName[(applicationName.LastIndexOf('.') + 1)..].ToLowerInvariant();
}
