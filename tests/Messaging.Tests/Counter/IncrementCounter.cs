namespace CustomerPlatform.Messaging.Tests.Counter;

public sealed record IncrementCounter(Guid CounterId);
