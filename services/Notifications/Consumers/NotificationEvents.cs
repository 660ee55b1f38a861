using CustomerPlatform.Contracts.Notifications;

namespace CustomerPlatform.Notifications.Consumers;

/// <summary>The events a notification's outcome publishes.</summary>
internal static class NotificationEvents
{
    public static EmailDelivered ToDelivered(this Notification notification) => new()
    {
        NotificationId = notification.Id,
        CustomerId = notification.CustomerId,
        Template = notification.Template,
        To = notification.Recipient,
        CorrelationId = notification.CorrelationId,
        DeliveredAt = notification.SentAt ?? throw new InvalidOperationException("The notification is not sent."),
    };

    public static EmailFailed ToFailed(this Notification notification) => new()
    {
        NotificationId = notification.Id,
        CustomerId = notification.CustomerId,
        Template = notification.Template,
        To = notification.Recipient,
        CorrelationId = notification.CorrelationId,
        Reason = notification.LastError ?? "",
        Attempts = notification.Attempts,
        FailedAt = notification.FailedAt ?? throw new InvalidOperationException("The notification has not failed."),
    };
}
