using CustomerPlatform.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Identity;

/// <summary>
/// Every password hash or check (about 9 ms of one core here with Argon2id at Keycloak's cost, more on slower CPUs) runs through here:
/// at most one per core at a time, the rest waiting in arrival order without holding a thread or a database
/// connection. A burst of sign-ups is worked off first come, first served — the first answered in tens of
/// milliseconds rather than all of them at the end — and the thread pool stays free for health probes, token
/// refreshes and JWKS. Past <see cref="PasswordHashingSettings.QueueLimit"/> waiting, a request is turned away
/// with 503 and Retry-After (<see cref="ServiceBusyException"/>) before it has changed anything.
/// </summary>
public sealed class PasswordWork : IDisposable
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _slots;
    private readonly int _queueLimit;
    private int _waiting;

    public PasswordWork(IOptions<PasswordHashingSettings> options)
    {
        var settings = options.Value;
        _slots = new SemaphoreSlim(settings.MaxConcurrent > 0 ? settings.MaxConcurrent : Environment.ProcessorCount);
        _queueLimit = Math.Max(0, settings.QueueLimit);
    }

    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0))
        {
            if (Interlocked.Increment(ref _waiting) > _queueLimit)
            {
                Interlocked.Decrement(ref _waiting);
                throw new ServiceBusyException($"More than {_queueLimit} password checks are waiting.", RetryAfter);
            }

            try
            {
                await _slots.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        try
        {
            return work();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
