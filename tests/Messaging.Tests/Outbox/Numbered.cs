namespace CustomerPlatform.Messaging.Tests.Outbox;

/// <summary>
/// One of a run of events published in a known order. The run is the correlation id (MassTransit's
/// convention sets each message's CorrelationId from the property): the bus outbox keeps the order of
/// the messages of one correlation id, and only theirs (ADR-023).
/// </summary>
public sealed record Numbered(Guid CorrelationId, int Number);
