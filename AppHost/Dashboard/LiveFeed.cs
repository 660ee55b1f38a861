using System.Runtime.CompilerServices;
namespace CustomerPlatform.AppHost.Dashboard;

/// <summary>What the server-sent event streams share: the current state first, then changes as they happen.</summary>
internal static class LiveFeed
{
    /// <summary>
    /// Yields <paramref name="current"/>, then everything <paramref name="watch"/> yields. The watch is started
    /// before the current state is read, so nothing that changes in between is missed (the caller removes
    /// duplicates). It ends quietly when the client leaves or the dashboard stops.
    /// </summary>
    public static async IAsyncEnumerable<T> CurrentThenLive<T>(
        Func<CancellationToken, IAsyncEnumerable<T>> watch,
        Func<IEnumerable<T>> current,
        [EnumeratorCancellation] CancellationToken requestAborted,
        CancellationToken dashboardStopping)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, dashboardStopping);
        var live = watch(cancellation.Token).GetAsyncEnumerator(cancellation.Token);
        var next = MoveNextOrEndAsync(live);
        try
        {
            foreach (var item in current())
                yield return item;

            while (await next)
            {
                yield return live.Current;
                next = MoveNextOrEndAsync(live);
            }
        }
        finally
        {
            // An enumerator cannot be disposed while a MoveNextAsync is pending, so stop the watch first.
            await cancellation.CancelAsync();
            await next;
            await live.DisposeAsync();
        }
    }

    private static async Task<bool> MoveNextOrEndAsync<T>(IAsyncEnumerator<T> enumerator)
    {
        try
        {
            return await enumerator.MoveNextAsync();
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
