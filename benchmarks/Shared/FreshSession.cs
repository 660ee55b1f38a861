using System.Diagnostics;
using CustomerPlatform.Testing;

namespace CustomerPlatform.Benchmarks;

/// <summary>
/// A signed-in session renewed before its access token (15 minutes by default) runs out, so a long run never
/// meets a 401. Asked for before a request's clock starts: signing in again is never timed.
/// </summary>
internal sealed class FreshSession(Func<Task<ApiSession>> signIn) : IDisposable
{
    private static readonly TimeSpan Renew = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ApiSession? _session;
    private long _signedInAt;

    public async ValueTask<ApiSession> GetAsync()
    {
        if (_session is { } current && Stopwatch.GetElapsedTime(Volatile.Read(ref _signedInAt)) < Renew)
            return current;
        await _gate.WaitAsync();
        try
        {
            if (_session is null || Stopwatch.GetElapsedTime(_signedInAt) >= Renew)
            {
                var signedInAt = Stopwatch.GetTimestamp();
                _session = await signIn();
                Volatile.Write(ref _signedInAt, signedInAt);
            }
            return _session;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
