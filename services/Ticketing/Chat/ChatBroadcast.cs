using Microsoft.AspNetCore.SignalR;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// Tells the chat hub's connections what changed, once it is committed: each chat has a group (both sides, who joined it
/// with <see cref="ChatHub.Watch"/>), and every staff connection is in <see cref="StaffGroup"/>, which hears of chats that
/// start or stop waiting. Nothing here is stored: a client that was away reads the chat again (ADR-031).
/// </summary>
public sealed class ChatBroadcast(IHubContext<ChatHub> hub, ILogger<ChatBroadcast> logger)
{
    public const string StaffGroup = "staff";

    public static string GroupOf(Guid chatId) => $"chat:{chatId:N}";

    public Task MessageAsync(ChatMessage message) => SendAsync(hub.Clients.Group(GroupOf(message.ChatId)), nameof(ChatMessage), message);

    public Task ReadAsync(ChatRead read) => SendAsync(hub.Clients.Group(GroupOf(read.ChatId)), nameof(ChatRead), read);

    /// <summary>The chat's status or agent changed; staff hear of it too when it started or stopped waiting.</summary>
    public Task ChangedAsync(ChatSummary chat, bool waitingChanged) => SendAsync(
        waitingChanged ? hub.Clients.Groups(GroupOf(chat.ChatId), StaffGroup) : hub.Clients.Group(GroupOf(chat.ChatId)), "ChatChanged", chat);

    /// <summary>The news is committed already: a connection that cannot be told now reads the chat when it comes back.</summary>
    private async Task SendAsync(IClientProxy clients, string method, object value)
    {
        try
        {
            await clients.SendAsync(method, value, CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not send {Method} to the chat hub's clients", method);
        }
    }
}
