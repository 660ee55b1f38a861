// Each test class here starts the whole platform; two at once would starve a two-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>The test classes that share one running platform.</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
