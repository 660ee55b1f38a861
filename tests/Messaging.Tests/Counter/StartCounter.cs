namespace CustomerPlatform.Messaging.Tests.Counter;

public sealed record StartCounter(Guid CounterId);
