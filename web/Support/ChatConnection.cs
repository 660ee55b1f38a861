using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace CustomerPlatform.Web.Support;

/// <summary>
/// The live chat's hub (Ticketing's, through the gateway) as a chat page uses it: the chats it follows, kept up to date
/// by the hub's events, watched again after every (re)connection; sending, typing and reading. Made by the page in the
/// browser only (a page prerendered on the gateway has no connection), started once it has rendered, disposed with it.
/// </summary>
public sealed class ChatConnection : IAsyncDisposable
{
    /// <summary>How long the other side shows as typing after its last keystroke the hub told of.</summary>
    public static readonly TimeSpan TypingShown = TimeSpan.FromSeconds(4);

    /// <summary>How often at most the user's typing is told to the other side.</summary>
    public static readonly TimeSpan TypingSentEvery = TimeSpan.FromSeconds(2);

    private readonly HubConnection _hub;
    private readonly PlatformApi _api;
    private readonly IJSRuntime _js;
    private readonly Dictionary<Guid, LiveChat> _chats = [];
    private readonly Dictionary<Guid, long> _typingSentAt = [];
    private readonly CancellationTokenSource _stop = new();
    private IJSObjectReference? _scripts, _visibility;
    private DotNetObjectReference<ChatConnection>? _self;

    public ChatConnection(NavigationManager navigation, PlatformApi api, IJSRuntime js)
    {
        _api = api;
        _js = js;
        _hub = new HubConnectionBuilder()
            // The gateway asks every non-GET /api request of a session for the anti-forgery header: negotiating is a POST.
            .WithUrl(navigation.ToAbsoluteUri("/api/support/chats/hub"), options => options.Headers["X-CSRF"] = "1")
            .WithAutomaticReconnect(new KeepTrying())
            .AddJsonProtocol(options => options.PayloadSerializerOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web))
            .Build();

        _hub.On<ChatMessage>("ChatMessage", message => Update(message.ChatId, chat => chat.Add(message)));
        _hub.On<ChatTyping>("ChatTyping", typing => Update(typing.ChatId, chat =>
        {
            chat.Typed(typing.Role, typing.Name, DateTimeOffset.UtcNow + TypingShown);
            // Once it is time to stop showing it, draw the page again.
            _ = Task.Delay(TypingShown + TimeSpan.FromMilliseconds(100), _stop.Token).ContinueWith(
                _ => Changed?.Invoke(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }));
        _hub.On<ChatRead>("ChatRead", read => Update(read.ChatId, chat => chat.ReadBy(read.Role, read.UpTo)));
        _hub.On<ChatSummary>("ChatChanged", summary =>
        {
            Update(summary.ChatId, chat => chat.Summary = summary);
            ChatChanged?.Invoke(summary);
        });
        _hub.Reconnecting += _ =>
        {
            Trouble = "Reconnecting to the chat… Messages sent meanwhile still arrive.";
            Changed?.Invoke();
            return Task.CompletedTask;
        };
        _hub.Reconnected += _ => ConnectedAsync();
    }

    /// <summary>Something a page shows has changed: draw it again (from any thread: use <c>InvokeAsync</c>).</summary>
    public event Action? Changed;

    /// <summary>A chat's status or agent changed (to staff: also any chat that starts or stops waiting).</summary>
    public event Action<ChatSummary>? ChatChanged;

    /// <summary>
    /// The hub is (again) connected and every followed chat watched afresh: what happened meanwhile was not sent,
    /// so read any list again.
    /// </summary>
    public event Func<Task>? Connected;

    /// <summary>What is wrong with the connection, for a status line; null while connected.</summary>
    public string? Trouble { get; private set; } = "Connecting to the chat…";

    /// <summary>Whether the page is in view (not a background tab): only then does the user read what arrives.</summary>
    public bool Visible { get; private set; } = true;

    /// <summary>Connected, and every followed chat watched.</summary>
    public bool IsConnected => Trouble is null && HubUp;

    private bool HubUp => _hub.State == HubConnectionState.Connected;

    /// <summary>Connects (trying again until it can, or the page goes), then watches every followed chat.</summary>
    public async Task StartAsync()
    {
        try
        {
            _scripts = await _js.InvokeAsync<IJSObjectReference>("import", "./js/scripts.js");
            _self = DotNetObjectReference.Create(this);
            _visibility = await _scripts.InvokeAsync<IJSObjectReference>("followVisibility", _self);
        }
        catch (JSException)
        {
            // Without the script the page still chats; it takes itself as always in view.
        }

        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _hub.StartAsync(_stop.Token);
                await ConnectedAsync();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Refused, unreachable, or no transport would do (an AggregateException of each one's failure): try again.
                Trouble = "The chat cannot be reached. Trying again…";
                Changed?.Invoke();
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try { await Task.Delay(TimeSpan.FromSeconds(5), _stop.Token); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Keeps <paramref name="chat"/> up to date from now on: watched on the hub now if connected, else once it is.</summary>
    public async Task FollowAsync(LiveChat chat)
    {
        _chats[chat.Id] = chat;
        if (HubUp)
            await WatchAsync(chat);
    }

    /// <summary>A chat's new summary (from a REST answer, such as taking or ending it): the followed copy takes it.</summary>
    public void Apply(ChatSummary summary) => Update(summary.ChatId, chat => chat.Summary = summary);

    /// <summary>Sends a message; the hub's (or the API's) reasons if it was refused.</summary>
    public async Task<IReadOnlyList<string>> SendAsync(LiveChat chat, string body)
    {
        if (HubUp)
        {
            try
            {
                chat.Add(await _hub.InvokeAsync<ChatMessage>("Send", chat.Id, body, _stop.Token));
                return [];
            }
            catch (HubException e)
            {
                return [Reason(e)];
            }
            catch (Exception e) when (e is InvalidOperationException or IOException)
            {
                // The connection dropped while sending: the API takes it instead.
            }
        }

        var posted = await _api.PostAsync<ChatMessage>($"/api/support/chats/{chat.Id}/messages", new { body }, _stop.Token);
        if (posted is { Ok: true, Value: { } message })
            chat.Add(message);
        return posted.MessagesFor("body");
    }

    /// <summary>Tells the other side the user is typing: at most once every <see cref="TypingSentEvery"/> a chat.</summary>
    public async Task TypingAsync(Guid chatId)
    {
        var now = Environment.TickCount64;
        if (!HubUp || (_typingSentAt.TryGetValue(chatId, out var sent) && now - sent < TypingSentEvery.TotalMilliseconds))
            return;
        _typingSentAt[chatId] = now;
        try { await _hub.SendAsync("Typing", chatId, _stop.Token); }
        catch (Exception e) when (e is HubException or InvalidOperationException or IOException) { }
    }

    /// <summary>
    /// The user, as <paramref name="role"/>, has the chat open: if the page is in view, marks read what the other
    /// side has written (once for each newer message).
    /// </summary>
    public async Task MarkReadAsync(LiveChat chat, string role)
    {
        if (!Visible || !HubUp || chat.LastFrom(LiveChat.Other(role)) is not { } last || !ChatIds.After(last.Id, chat.ReadUpTo(role)))
            return;
        chat.ReadBy(role, last.Id);
        Changed?.Invoke();
        try { await _hub.SendAsync("Read", chat.Id, last.Id, _stop.Token); }
        catch (Exception e) when (e is HubException or InvalidOperationException or IOException) { }
    }

    /// <summary>A chat page's composer: Enter sends its form, Shift+Enter starts a new line.</summary>
    public async Task EnterSendsAsync(string textAreaId)
    {
        if (_scripts is not null)
            await _scripts.InvokeVoidAsync("enterSends", textAreaId);
    }

    /// <summary>Scrolls a chat's log to its newest message.</summary>
    public async Task ScrollToEndAsync(string id)
    {
        if (_scripts is not null)
            await _scripts.InvokeVoidAsync("scrollToEnd", id);
    }

    [JSInvokable]
    public void VisibilityChanged(bool visible)
    {
        Visible = visible;
        Changed?.Invoke();
    }

    private async Task ConnectedAsync()
    {
        foreach (var chat in _chats.Values.ToList())
            await WatchAsync(chat);
        Trouble = null;
        if (Connected is { } connected)
            await connected();
        Changed?.Invoke();
    }

    private async Task WatchAsync(LiveChat chat)
    {
        try
        {
            chat.Take(await _hub.InvokeAsync<ChatThread>("Watch", chat.Id, _stop.Token));
        }
        catch (HubException e)
        {
            chat.Problem = Reason(e);
        }
        catch (Exception) when (!HubUp || _stop.IsCancellationRequested)
        {
            // The connection dropped meanwhile (reconnecting watches it again), or the page went.
        }
        Changed?.Invoke();
    }

    private void Update(Guid chatId, Action<LiveChat> change)
    {
        if (!_chats.TryGetValue(chatId, out var chat))
            return;
        change(chat);
        Changed?.Invoke();
    }

    /// <summary>A hub's refusal as the server worded it (the client puts its own sentence before it).</summary>
    private static string Reason(HubException e)
    {
        const string marker = "HubException: ";
        var at = e.Message.IndexOf(marker, StringComparison.Ordinal);
        return at >= 0 ? e.Message[(at + marker.Length)..] : e.Message;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_visibility is not null)
            {
                await _visibility.InvokeVoidAsync("dispose");
                await _visibility.DisposeAsync();
            }
            if (_scripts is not null)
                await _scripts.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
        }
        _self?.Dispose();
        await _hub.DisposeAsync();
        _stop.Dispose();
    }

    /// <summary>Reconnects for as long as the page is open: at once, then after 2, 5 and every 10 seconds.</summary>
    private sealed class KeepTrying : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) => retryContext.PreviousRetryCount switch
        {
            0 => TimeSpan.Zero,
            1 => TimeSpan.FromSeconds(2),
            2 => TimeSpan.FromSeconds(5),
            _ => TimeSpan.FromSeconds(10),
        };
    }
}

/// <summary>One chat as a page shows it: its summary, its thread, and whether the other side is typing.</summary>
public sealed class LiveChat(ChatSummary summary)
{
    private readonly List<ChatMessage> _messages = [];
    private string? _typingRole, _typingName;
    private DateTimeOffset _typingUntil;

    public LiveChat(ChatThread thread) : this(thread.Chat) => Take(thread);

    public Guid Id => Summary.ChatId;

    public ChatSummary Summary { get; set; } = summary;

    /// <summary>Oldest first, each once.</summary>
    public IReadOnlyList<ChatMessage> Messages => _messages;

    /// <summary>Why the hub would not let the page watch the chat, if it would not.</summary>
    public string? Problem { get; set; }

    /// <summary>Customers write while it waits or is live, staff once it is live.</summary>
    public bool Open => Summary.Status is "waiting" or "live";

    /// <summary>Who of the other side of <paramref name="role"/> is typing now, or null (the user's own other tabs are no news).</summary>
    public string? TypingAgainst(string role) => _typingRole != role && _typingUntil > DateTimeOffset.UtcNow ? _typingName : null;

    public static string Other(string role) => role == "customer" ? "staff" : "customer";

    public ChatMessage? LastFrom(string role) => _messages.LastOrDefault(m => m.Role == role);

    /// <summary>How far the side <paramref name="role"/> has read.</summary>
    public Guid? ReadUpTo(string role) => role == "customer" ? Summary.CustomerReadUpTo : Summary.AgentReadUpTo;

    /// <summary>Whether the other side of <paramref name="role"/> has read <paramref name="message"/>.</summary>
    public bool SeenByOther(ChatMessage message, string role) => ReadUpTo(Other(role)) is { } read && !ChatIds.After(message.Id, read);

    /// <summary>What the other side wrote that <paramref name="role"/> has not read yet.</summary>
    public int UnreadFor(string role) => _messages.Count(m => m.Role != role && ChatIds.After(m.Id, ReadUpTo(role)));

    /// <summary>The whole chat as the server has it now (Watch, or GET): merged with what events brought meanwhile.</summary>
    public void Take(ChatThread thread)
    {
        Summary = thread.Chat;
        Problem = null;
        foreach (var message in thread.Messages)
            Add(message);
    }

    public void Add(ChatMessage message)
    {
        if (_messages.Any(m => m.Id == message.Id))
            return;
        var at = _messages.FindLastIndex(m => ChatIds.After(message.Id, m.Id)) + 1;
        _messages.Insert(at, message);
        if (message.Role == _typingRole)
            _typingUntil = default; // they sent what they typed
    }

    public void Typed(string role, string? name, DateTimeOffset until) => (_typingRole, _typingName, _typingUntil) = (role, name ?? (role == "staff" ? "The agent" : "The customer"), until);

    public void ReadBy(string role, Guid upTo)
    {
        if (!ChatIds.After(upTo, ReadUpTo(role)))
            return;
        Summary = role == "customer" ? Summary with { CustomerReadUpTo = upTo } : Summary with { AgentReadUpTo = upTo };
    }
}

/// <summary>Chat message ids are UUIDv7: their text sorts as they were written.</summary>
public static class ChatIds
{
    public static bool After(Guid id, Guid? other) =>
        other is not { } than || string.CompareOrdinal(id.ToString("N"), than.ToString("N")) > 0;
}

// The chat's shapes as Ticketing gives them, on its REST routes and its hub alike.
public sealed record ChatSummary(Guid ChatId, Guid TicketId, long TicketNumber, string Status, Guid CustomerId, string? CustomerName, string? Queue,
    Guid? AgentId, string? AgentName, DateTimeOffset StartedAt, DateTimeOffset? TakeBy, DateTimeOffset? TakenAt, DateTimeOffset? EndedAt,
    Guid? CustomerReadUpTo, Guid? AgentReadUpTo, string? LastMessage);
public sealed record ChatMessage(Guid Id, Guid ChatId, string Role, string? AuthorName, string Body, DateTimeOffset At);
public sealed record ChatThread(ChatSummary Chat, ChatMessage[] Messages);
public sealed record ChatTyping(Guid ChatId, string Role, string? Name);
public sealed record ChatRead(Guid ChatId, string Role, Guid UpTo);
public sealed record ChatStarted(Guid ChatId);
