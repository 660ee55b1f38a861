using System.Collections.Concurrent;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Ticketing;

namespace CustomerPlatform.Ticketing.Tests;

/// <summary>What other services see of Ticketing: the messages it publishes, collected on the test's own queue.</summary>
public sealed class PublishedEvents
{
    public ConcurrentQueue<TicketOpened> Opened { get; } = new();
    public ConcurrentQueue<TicketAnswered> Answered { get; } = new();
    public ConcurrentQueue<SendEmail> Emails { get; } = new();

    public static async Task<T> WaitForAsync<T>(ConcurrentQueue<T> queue, Func<T, bool> match, string what, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (queue.FirstOrDefault(match) is { } found)
                return found;
            await Task.Delay(50);
        }

        throw new TimeoutException($"No {what} within {timeout ?? TimeSpan.FromSeconds(30)}.");
    }
}
