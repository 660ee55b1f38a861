using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// The live chat's hub (<c>/api/support/chats/hub</c>, through the gateway over WebSockets): both sides watch a chat, write,
/// type and read on it; staff connections also hear of chats that start or stop waiting. Every command is
/// <see cref="ChatService"/>'s, as the REST routes' are; a refusal comes back as a <see cref="HubException"/> with its reason.
/// </summary>
[Authorize]
public sealed class ChatHub(ChatService chats) : Hub
{
    /// <summary>The chats this connection watches (joined through <see cref="Watch"/>): where it may say it is typing.</summary>
    private HashSet<Guid> Watched => (HashSet<Guid>)(Context.Items[nameof(Watched)] ??= new HashSet<Guid>());

    public override async Task OnConnectedAsync()
    {
        if (Context.User!.IsStaff())
            await Groups.AddToGroupAsync(Context.ConnectionId, ChatBroadcast.StaffGroup, Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }

    /// <summary>The chat and its transcript; from now on this connection hears what happens in it.</summary>
    public async Task<ChatView> Watch(Guid chatId)
    {
        var view = Answer(await chats.GetAsync(Context.User!, chatId, Context.ConnectionAborted));
        await Groups.AddToGroupAsync(Context.ConnectionId, ChatBroadcast.GroupOf(chatId), Context.ConnectionAborted);
        lock (Watched)
            Watched.Add(chatId);
        return view;
    }

    public async Task<ChatMessage> Send(Guid chatId, string body) =>
        Answer(await chats.SendAsync(Context.User!, chatId, body, Context.ConnectionAborted));

    public async Task Read(Guid chatId, Guid upTo) =>
        Answer(await chats.ReadAsync(Context.User!, chatId, upTo, Context.ConnectionAborted));

    /// <summary>Tells the other side of a watched chat that the caller is typing; nothing is stored.</summary>
    public Task Typing(Guid chatId)
    {
        bool watched;
        lock (Watched)
            watched = Watched.Contains(chatId);
        if (!watched)
            throw new HubException("Watch the chat before typing in it.");
        var user = Context.User!;
        var role = user.IsStaff() ? AuthorRoles.Staff : AuthorRoles.Customer;
        return Clients.OthersInGroup(ChatBroadcast.GroupOf(chatId)).SendAsync(nameof(ChatTyping), new ChatTyping(chatId, role, user.GetDisplayName()));
    }

    private static T Answer<T>(ChatOutcome<T> outcome) =>
        outcome.Refusal is { } refusal ? throw new HubException($"{refusal.Title}: {refusal.Detail}") : outcome.Value!;
}
