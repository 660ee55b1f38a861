namespace CustomerPlatform.Messaging.Scheduling;

/// <summary>Wakes this process's dispatcher early when its consumer stored a schedule (it may be due before the next poll).</summary>
internal sealed class PostgresSchedulerSignal<TDbContext> : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers every row stored since.
        }
    }

    /// <summary>True when woken by <see cref="Notify"/>, false when the timeout passed.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _semaphore.Dispose();
}
