using MassTransit;

namespace CustomerPlatform.Ticketing;

/// <summary>A chat started waiting: the moment it becomes a ticket is scheduled on the durable scheduler, in the consumer's transaction.</summary>
public sealed class ChatWaitingConsumer(IEndpointNameFormatter endpoints, TimeProvider time) : IConsumer<ChatWaiting>
{
    public async Task Consume(ConsumeContext<ChatWaiting> context)
    {
        var now = time.GetUtcNow();
        var due = context.Message.TakeBy > now ? context.Message.TakeBy : now;
        await context.ScheduleSend(new Uri($"queue:{endpoints.Consumer<ChatTakeDueConsumer>()}"), due.UtcDateTime, new ChatTakeDue(context.Message.ChatId));
    }
}

/// <summary>Nobody took the chat in time: it becomes an ordinary ticket in its queue and the customer is told (<see cref="ChatService.MissAsync"/>).</summary>
public sealed class ChatTakeDueConsumer(ChatService chats, TicketEmails emails, ILogger<ChatTakeDueConsumer> logger) : IConsumer<ChatTakeDue>
{
    public async Task Consume(ConsumeContext<ChatTakeDue> context)
    {
        if (await chats.MissAsync(context.Message.ChatId, context, emails, context.CancellationToken) is { } queue)
            logger.LogInformation("Chat {ChatId} was not taken in time: its ticket waits in {Queue}", context.Message.ChatId, queue);
    }
}

/// <summary>Tells the chat's watchers and staff that nobody took it, once that is committed (the message came through the outbox).</summary>
public sealed class ChatMissedConsumer(ChatService chats, ChatBroadcast broadcast) : IConsumer<ChatMissed>
{
    public async Task Consume(ConsumeContext<ChatMissed> context)
    {
        if (await chats.SummaryAsync(context.Message.ChatId, context.CancellationToken) is { } chat)
            await broadcast.ChangedAsync(chat, waitingChanged: true);
    }
}
