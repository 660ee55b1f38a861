using System.Collections.Concurrent;
using CustomerPlatform.Contracts.Training;

namespace CustomerPlatform.Training.Tests;

/// <summary>What another service sees of Training: the events that reach its own queue.</summary>
public sealed class TrainingEventLog
{
    public ConcurrentQueue<object> All { get; } = new();

    public IEnumerable<T> Of<T>() => All.OfType<T>();

    public async Task<T> WaitForAsync<T>(Func<T, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (Of<T>().FirstOrDefault(match) is { } found)
                return found;
            await Task.Delay(50);
        }

        throw new TimeoutException($"No matching {typeof(T).Name} arrived.");
    }
}
