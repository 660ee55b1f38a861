namespace CustomerPlatform.Notifications;

/// <summary>One row of the communication history (the delivery log).</summary>
public sealed record HistoryEntry(
    Guid Id,
    string Type,
    string Category,
    string Channel,
    string Recipient,
    string? Subject,
    string Status,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? FailedAt,
    DateTimeOffset? NextAttemptAt);
