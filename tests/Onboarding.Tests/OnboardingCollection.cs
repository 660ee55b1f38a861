namespace CustomerPlatform.Onboarding.Tests;

/// <summary>Every class shares one fixture (servers, service, staff directory) and runs one after another.</summary>
[CollectionDefinition(Name)]
public sealed class OnboardingCollection : ICollectionFixture<OnboardingFixture>
{
    public const string Name = "onboarding";
}
