namespace CustomerPlatform.Customers.Tests;

/// <summary>The classes that need the servers share one fixture.</summary>
[CollectionDefinition(Name)]
public sealed class CustomersCollection : ICollectionFixture<CustomersFixture>
{
    public const string Name = "customers";
}
