namespace CustomerPlatform.Notifications;

public sealed record HistoryPage(Guid CustomerId, IReadOnlyList<HistoryEntry> Items, int Page, int PageSize, int Total);
