namespace CustomerPlatform.Ticketing.Tests;

/// <summary>Every class that needs the servers shares one fixture (one PostgreSQL, one RabbitMQ, one service).</summary>
[CollectionDefinition(Name)]
public sealed class TicketingCollection : ICollectionFixture<TicketingFixture>
{
    public const string Name = "ticketing";
}
