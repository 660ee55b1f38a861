namespace CustomerPlatform.AppHost.Hosting;

public static class RabbitMQBuilderExtensions
{
    /// <summary>A RabbitMQ broker on <c>AppHost:Ports:RabbitMQ</c> with its management UI on <c>AppHost:Ports:RabbitMQManagement</c>.</summary>
    public static IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(this IDistributedApplicationBuilder builder, string name)
    {
        var resource = new RabbitMQServerResource(name);
        resource.Endpoints.Add(new EndpointSpec("amqp", "amqp", builder.Options.Ports.RabbitMQ, isExternal: false, "Ports:RabbitMQ"));
        resource.Endpoints.Add(new EndpointSpec("management", "http", builder.Options.Ports.RabbitMQManagement, isExternal: true, "Ports:RabbitMQManagement"));
        return builder.AddResource(resource);
    }
}
