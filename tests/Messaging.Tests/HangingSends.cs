using MassTransit;

namespace CustomerPlatform.Messaging.Tests;

/// <summary>
/// Holds the first <paramref name="hangs"/> sends that <paramref name="applies"/> to until released,
/// whatever their cancellation says: a send on a channel that died with the broker, waiting in
/// MassTransit's topology set-up, behaves so.
/// </summary>
public sealed class HangingSends(int hangs, Func<SendContext, bool> applies) : ISendObserver
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _hung;

    public int Hung => Volatile.Read(ref _hung);

    public void Release() => _release.TrySetResult();

    public async Task PreSend<T>(SendContext<T> context)
        where T : class
    {
        if (applies(context) && Interlocked.Increment(ref _hung) <= hangs)
            await _release.Task;
    }

    public Task PostSend<T>(SendContext<T> context) where T : class => Task.CompletedTask;
    public Task SendFault<T>(SendContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
