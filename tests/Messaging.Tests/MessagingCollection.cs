namespace CustomerPlatform.Messaging.Tests;

/// <summary>Every test class in the assembly shares one PostgreSQL, one RabbitMQ and one bus: they start once.</summary>
[CollectionDefinition(Name)]
public sealed class MessagingCollection : ICollectionFixture<MessagingFixture>
{
    public const string Name = "messaging";
}
