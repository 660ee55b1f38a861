namespace CustomerPlatform.Notifications.Tests;

public sealed record MailDevAddress(string Address, string? Name);
