namespace CustomerPlatform.Notifications.Tests;

/// <summary>
/// Every class that needs the servers shares one fixture and runs one after another: a test that
/// stops the SMTP server must not pull it from under another test.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NotificationsCollection : ICollectionFixture<NotificationsFixture>
{
    public const string Name = "notifications";
}
