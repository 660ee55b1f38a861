using System.Collections.Concurrent;

namespace CustomerPlatform.Onboarding.Tests;

/// <summary>What the other services see of Onboarding: every message it publishes, as it reaches their queue.</summary>
public sealed class Recorded
{
    private readonly ConcurrentQueue<object> _messages = new();

    public void Add(object message) => _messages.Enqueue(message);

    public IReadOnlyList<T> All<T>(Func<T, bool>? match = null) =>
        _messages.OfType<T>().Where(m => match?.Invoke(m) ?? true).ToList();

    public async Task<T> WaitForAsync<T>(Func<T, bool> match, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (_messages.OfType<T>().FirstOrDefault(match) is { } found)
                return found;
            await Task.Delay(50);
        }

        throw new TimeoutException($"No {typeof(T).Name} {what} within {timeout ?? TimeSpan.FromSeconds(30)}.");
    }
}
