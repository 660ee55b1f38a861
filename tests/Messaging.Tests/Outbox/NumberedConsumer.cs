using System.Collections.Concurrent;
using MassTransit;

namespace CustomerPlatform.Messaging.Tests.Outbox;

/// <summary>Writes down the order in which a run's events arrive (one at a time, from one queue).</summary>
public sealed class NumberedConsumer : IConsumer<Numbered>
{
    public const string Queue = "numbered-in-order";

    public static ConcurrentDictionary<Guid, ConcurrentQueue<int>> Received { get; } = new();

    public Task Consume(ConsumeContext<Numbered> context)
    {
        Received.GetOrAdd(context.Message.CorrelationId, _ => new ConcurrentQueue<int>()).Enqueue(context.Message.Number);
        return Task.CompletedTask;
    }
}
