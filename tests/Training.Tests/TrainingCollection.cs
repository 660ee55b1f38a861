namespace CustomerPlatform.Training.Tests;

/// <summary>The classes that need the servers share one fixture.</summary>
[CollectionDefinition(Name)]
public sealed class TrainingCollection : ICollectionFixture<TrainingFixture>
{
    public const string Name = "training";
}
