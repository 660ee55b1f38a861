namespace CustomerPlatform.Web;

/// <summary>The signed-in customer's unread count for the header, read again when something may have changed and every 20 s.</summary>
public sealed class Inbox(PlatformApi api) : IAsyncDisposable
{
    private readonly Polling _polling = new();
    private Task? _following;

    public event Action? Changed;

    public int Unread { get; private set; }

    public void Follow() => _following ??= FollowAsync();

    public async Task RefreshAsync()
    {
        var page = await api.GetAsync<InboxPage>("/api/notifications?page=1&pageSize=1", _polling.Token);
        if (page.Ok && page.Value!.Unread != Unread)
        {
            Unread = page.Value.Unread;
            Changed?.Invoke();
        }
    }

    private async Task FollowAsync()
    {
        await RefreshAsync();
        await _polling.EveryAsync(TimeSpan.FromSeconds(20), async () =>
        {
            await RefreshAsync();
            return true;
        });
    }

    public ValueTask DisposeAsync() => _polling.DisposeAsync();
}

public sealed record InboxPage(InboxItem[] Items, int Page, int PageSize, int Total, int Unread);
public sealed record InboxItem(Guid Id, string Type, string Category, string? Subject, string? Body, string Status, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);
