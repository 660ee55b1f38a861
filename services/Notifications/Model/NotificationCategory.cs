namespace CustomerPlatform.Notifications;

/// <summary>A kind of email a customer decides about as a whole (every template belongs to one).</summary>
public sealed record NotificationCategory(string Name, string Description, bool CanOptOut, bool EmailByDefault);
