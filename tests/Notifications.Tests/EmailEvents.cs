using System.Collections.Concurrent;
using CustomerPlatform.Contracts.Notifications;

namespace CustomerPlatform.Notifications.Tests;

/// <summary>What another service sees of Notifications: the EmailDelivered and EmailFailed events that reach its own queue.</summary>
public sealed class EmailEvents
{
    public ConcurrentQueue<EmailDelivered> Delivered { get; } = new();
    public ConcurrentQueue<EmailFailed> Failed { get; } = new();

    public async Task<EmailDelivered> WaitForDeliveredAsync(Guid notificationId, TimeSpan? timeout = null) =>
        await WaitAsync(() => Delivered.FirstOrDefault(e => e.NotificationId == notificationId), timeout, $"EmailDelivered for {notificationId}");

    public async Task<EmailFailed> WaitForFailedAsync(Guid notificationId, TimeSpan? timeout = null) =>
        await WaitAsync(() => Failed.FirstOrDefault(e => e.NotificationId == notificationId), timeout, $"EmailFailed for {notificationId}");

    public int Count(Guid notificationId) =>
        Delivered.Count(e => e.NotificationId == notificationId) + Failed.Count(e => e.NotificationId == notificationId);

    private static async Task<T> WaitAsync<T>(Func<T?> find, TimeSpan? timeout, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (find() is { } found)
                return found;
            await Task.Delay(50);
        }

        throw new TimeoutException($"No {what} within {timeout ?? TimeSpan.FromSeconds(30)}.");
    }
}
