using MassTransit;
using CustomerPlatform.Contracts.Notifications;

namespace CustomerPlatform.Notifications.Tests;

/// <summary>Collects the events into <see cref="EmailEvents"/>, on the test's own queue (as another service would).</summary>
public sealed class EmailEventsConsumer(EmailEvents events) : IConsumer<EmailDelivered>, IConsumer<EmailFailed>
{
    public Task Consume(ConsumeContext<EmailDelivered> context)
    {
        events.Delivered.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<EmailFailed> context)
    {
        events.Failed.Enqueue(context.Message);
        return Task.CompletedTask;
    }
}
