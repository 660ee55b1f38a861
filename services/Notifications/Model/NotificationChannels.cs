namespace CustomerPlatform.Notifications;

/// <summary>The ways a notification reaches a customer. Email only for now; the in-app inbox shows every notification whatever its channel.</summary>
public static class NotificationChannels
{
    public const string Email = "email";
}
