namespace CustomerPlatform.Web;

/// <summary>
/// How a page follows what moves on the server (a journey, a thread, the unread count): an action every
/// period until the page goes away or the action says to stop.
/// </summary>
public sealed class Polling : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Cancelled when the owner goes away: pass it to the requests the action makes.</summary>
    public CancellationToken Token => _stop.Token;

    /// <param name="tick">Returns false to stop following.</param>
    public async Task EveryAsync(TimeSpan period, Func<Task<bool>> tick)
    {
        // A page prerendered on the gateway is gone once its HTML is sent: only the browser follows.
        if (!OperatingSystem.IsBrowser())
            return;
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token) && await tick())
            {
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _stop.Dispose();
    }
}
