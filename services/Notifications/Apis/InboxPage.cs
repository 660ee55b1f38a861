namespace CustomerPlatform.Notifications;

public sealed record InboxPage(IReadOnlyList<InboxItem> Items, int Page, int PageSize, int Total, int Unread);
