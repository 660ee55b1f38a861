namespace CustomerPlatform.Ticketing;

/// <summary>A chat as both sides and the console list it.</summary>
public sealed record ChatSummary(
    Guid ChatId, Guid TicketId, long TicketNumber, string Status, Guid CustomerId, string? CustomerName, string Queue,
    Guid? AgentId, string? AgentName, DateTimeOffset StartedAt, DateTimeOffset TakeBy, DateTimeOffset? TakenAt, DateTimeOffset? EndedAt,
    Guid? CustomerReadUpTo, Guid? AgentReadUpTo, string? LastMessage);

/// <summary>One message of a chat: a public message of its ticket's thread.</summary>
public sealed record ChatMessage(Guid Id, Guid ChatId, string Role, string? AuthorName, string Body, DateTimeOffset At)
{
    public static ChatMessage Of(TicketMessage message) =>
        new(message.Id, message.TicketId, message.AuthorRole, message.AuthorName, message.Body, message.CreatedAt);
}

/// <summary>A chat and its transcript, oldest message first.</summary>
public sealed record ChatView(ChatSummary Chat, IReadOnlyList<ChatMessage> Messages);

/// <summary>One side is typing (not stored).</summary>
public sealed record ChatTyping(Guid ChatId, string Role, string? Name);

/// <summary>One side has read the chat up to a message.</summary>
public sealed record ChatRead(Guid ChatId, string Role, Guid UpTo);

public sealed record StartChatRequest(string? Message, string? OrderId);

public sealed record ChatMessageRequest(string? Body);

public sealed record ChatReadRequest(Guid? UpTo);

/// <summary>A chat started waiting: schedule the moment it becomes a ticket if nobody takes it (Ticketing's own message).</summary>
public sealed record ChatWaiting(Guid ChatId, DateTimeOffset TakeBy);

/// <summary>The moment a waiting chat becomes an ordinary ticket (sent on the durable scheduler).</summary>
public sealed record ChatTakeDue(Guid ChatId);

/// <summary>A chat nobody took became an ordinary ticket: tell its watchers (Ticketing's own message, sent once that is committed).</summary>
public sealed record ChatMissed(Guid ChatId);
