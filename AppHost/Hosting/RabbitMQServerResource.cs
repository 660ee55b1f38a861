namespace CustomerPlatform.AppHost.Hosting;

/// <summary>A RabbitMQ broker with its management plugin, as a private node with its own epmd.</summary>
public sealed class RabbitMQServerResource(string name) : Resource(name, "RabbitMQ");
