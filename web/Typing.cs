namespace CustomerPlatform.Web;

/// <summary>
/// How a page answers while the user types (searching as they go): the action runs once the typing pauses, and a
/// newer keystroke cancels the wait, or the action's requests, of the one before.
/// </summary>
public sealed class Typing : IDisposable
{
    private CancellationTokenSource? _latest;

    /// <param name="then">Gets a token that is cancelled once the user types again: pass it to its requests, and keep nothing after it is.</param>
    public async Task AfterPauseAsync(TimeSpan pause, Func<CancellationToken, Task> then)
    {
        _latest?.Cancel();
        var typing = _latest = new CancellationTokenSource();
        try
        {
            await Task.Delay(pause, typing.Token);
            await then(typing.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose() => _latest?.Cancel();
}
