using CustomerPlatform.Contracts.Notifications;

namespace CustomerPlatform.Notifications.Tests;

/// <summary>What another service sees of Notifications: the EmailDelivered and EmailFailed events of one notification.</summary>
public static class EmailEvents
{
    public static Task<EmailDelivered> WaitForDeliveredAsync(this EventRecorder events, Guid notificationId, TimeSpan? timeout = null) =>
        events.WaitForAsync<EmailDelivered>(e => e.NotificationId == notificationId, $"for {notificationId}", timeout);

    public static Task<EmailFailed> WaitForFailedAsync(this EventRecorder events, Guid notificationId, TimeSpan? timeout = null) =>
        events.WaitForAsync<EmailFailed>(e => e.NotificationId == notificationId, $"for {notificationId}", timeout);

    /// <summary>How many events, delivered or failed, the notification has had.</summary>
    public static int Count(this EventRecorder events, Guid notificationId) =>
        events.All<EmailDelivered>(e => e.NotificationId == notificationId).Count + events.All<EmailFailed>(e => e.NotificationId == notificationId).Count;
}
