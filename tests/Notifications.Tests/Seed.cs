namespace CustomerPlatform.Notifications.Tests;

/// <summary>Delivery-log rows written straight to the database, for the API tests (which test reading them, not making them).</summary>
public static class Seed
{
    public static Notification Sent(Guid customerId, DateTimeOffset createdAt, string subject = "Your account was changed") => new()
    {
        Id = Guid.NewGuid(),
        CustomerId = customerId,
        Template = "account-changed",
        Category = NotificationCategories.Security,
        Recipient = "ann@example.com",
        Subject = subject,
        InboxText = $"Hi Ann, {subject}.",
        Status = NotificationStatus.Sent,
        Attempts = 1,
        CreatedAt = createdAt,
        SentAt = createdAt.AddSeconds(1),
    };
}
