namespace CustomerPlatform.Identity.Tests;

/// <summary>Every test shares one PostgreSQL, one RabbitMQ and one Identity host, one test at a time (they move one clock).</summary>
[CollectionDefinition(Name)]
public sealed class IdentityCollection : ICollectionFixture<IdentityFixture>
{
    public const string Name = "identity";
}
