using System.Collections.Concurrent;
using MassTransit;

namespace CustomerPlatform.Messaging.Tests.Scheduling;

/// <summary>Fails every attempt of a message's first delivery; succeeds once the scheduler brings it back.</summary>
public sealed class FailsUntilRedeliveredConsumer : IConsumer<WorkThatFailsFirst>
{
    public const string Queue = "redelivery-test-flaky";

    public static ConcurrentDictionary<Guid, int> Attempts { get; } = new();
    public static ConcurrentDictionary<Guid, int> Succeeded { get; } = new();

    public Task Consume(ConsumeContext<WorkThatFailsFirst> context)
    {
        Attempts.AddOrUpdate(context.Message.Id, 1, (_, n) => n + 1);
        var redeliveries = context.GetRedeliveryCount();
        if (redeliveries == 0)
            throw new InvalidOperationException("Not yet: fails until it is redelivered.");

        Succeeded[context.Message.Id] = redeliveries;
        return Task.CompletedTask;
    }
}
