namespace CustomerPlatform.Messaging.Tests.Counter;

public sealed record FinishCounter(Guid CounterId);
