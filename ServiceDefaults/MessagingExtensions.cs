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

        builder.Services.AddMassTransit(bus =>
        {
            // Queues are named after the service too ("onboarding-staff-account-changed"): two services
            // with a consumer of the same name would otherwise share one queue and each get half the messages.
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(QueuePrefix(clientName), false));

            // MassTransit registers the bus health check itself, tagged "ready" (never "live"): a broker
            // that is down makes /health fail while /alive stays up, so the process is not restarted.
            // The check sees a broker lost after start only through receive endpoints (consumers, sagas);
            // a bus without them holds no connection to lose.
            bus.ConfigureHealthCheckOptions(health => health.Name = connectionName);

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

    /// <summary>The service's short name from its application name: <c>CustomerPlatform.Onboarding</c> → <c>onboarding</c>.</summary>
    public static string QueuePrefix(string applicationName) =>
        applicationName[(applicationName.LastIndexOf('.') + 1)..].ToLowerInvariant();
}
