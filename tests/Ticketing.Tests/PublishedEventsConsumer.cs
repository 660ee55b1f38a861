using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Ticketing;
using MassTransit;

namespace CustomerPlatform.Ticketing.Tests;

/// <summary>Stands for Onboarding and Notifications: collects what Ticketing publishes into <see cref="PublishedEvents"/>.</summary>
public sealed class PublishedEventsConsumer(PublishedEvents events) : IConsumer<TicketOpened>, IConsumer<TicketAnswered>, IConsumer<SendEmail>
{
    public Task Consume(ConsumeContext<TicketOpened> context)
    {
        events.Opened.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<TicketAnswered> context)
    {
        events.Answered.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<SendEmail> context)
    {
        events.Emails.Enqueue(context.Message);
        return Task.CompletedTask;
    }
}
