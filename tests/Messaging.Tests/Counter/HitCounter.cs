namespace CustomerPlatform.Messaging.Tests.Counter;

public sealed record HitCounter(Guid CounterId);
