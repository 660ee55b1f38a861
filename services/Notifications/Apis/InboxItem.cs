namespace CustomerPlatform.Notifications;

/// <summary>A notification as the customer's in-app inbox shows it. <see cref="Status"/> tells whether the email went out too.</summary>
public sealed record InboxItem(
    Guid Id,
    string Type,
    string Category,
    string? Subject,
    string? Body,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt);
