namespace CustomerPlatform.Notifications.Consumers;

/// <summary>
/// Internal command, sent to this service's own queue: make delivery attempt <see cref="Attempt"/> of
/// a queued notification. The attempt number lets a stale or duplicated command see that its attempt
/// already happened and do nothing.
/// </summary>
public sealed record DeliverEmail(Guid NotificationId, int Attempt);
