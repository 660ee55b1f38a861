using MassTransit;
using Microsoft.Extensions.Hosting;

namespace CustomerPlatform.Messaging;

/// <summary>
/// A piece of messaging that plugs into <see cref="MessagingRegistrationExtensions.AddMessaging{TDbContext}"/>
/// (the durable scheduler, second-level redelivery through it). Every method is optional.
/// </summary>
public interface IMessagingExtension
{
    /// <summary>Services and MassTransit registrations (consumers, endpoints, hosted services), before the service's own.</summary>
    void ConfigureRegistration(IHostApplicationBuilder builder, IBusRegistrationConfigurator bus)
    {
    }

    /// <summary>The bus, before its endpoints are created (e.g. <c>rabbit.UseMessageScheduler(address)</c>).</summary>
    void ConfigureBus(IBusRegistrationContext context, IRabbitMqBusFactoryConfigurator rabbit)
    {
    }

    /// <summary>
    /// Every receive endpoint, before the endpoint's message retry and outbox are added: a filter added
    /// here (e.g. <c>UseScheduledRedelivery</c>) runs outside them, once all immediate retries failed.
    /// </summary>
    void ConfigureEndpoint(IRegistrationContext context, string queueName, IReceiveEndpointConfigurator endpoint)
    {
    }
}
