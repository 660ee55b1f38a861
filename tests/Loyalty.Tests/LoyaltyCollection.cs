namespace CustomerPlatform.Loyalty.Tests;

/// <summary>Every class that needs the servers shares one fixture (one PostgreSQL, one RabbitMQ, one service).</summary>
[CollectionDefinition(Name)]
public sealed class LoyaltyCollection : ICollectionFixture<LoyaltyFixture>
{
    public const string Name = "loyalty";
}
