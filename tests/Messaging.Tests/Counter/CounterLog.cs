namespace CustomerPlatform.Messaging.Tests.Counter;

/// <summary>
/// A row the saga's activity writes through the service's DbContext on every count. It commits with
/// the saga's state or not at all, so "one row per message" shows a retried attempt left nothing behind.
/// </summary>
public sealed class CounterLog
{
    public Guid Id { get; set; }
    public Guid CounterId { get; set; }
    public Guid? MessageId { get; set; }
}
