namespace CustomerPlatform.Notifications;

/// <summary>A customer's choice for one category; a category without a row has its default (<see cref="NotificationCategory.EmailByDefault"/>).</summary>
public sealed class NotificationPreference
{
    public Guid CustomerId { get; init; }
    public required string Category { get; init; }
    public bool Email { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
