namespace CustomerPlatform.Messaging.Tests.Scheduling;

public sealed record WorkThatFailsFirst(Guid Id);
