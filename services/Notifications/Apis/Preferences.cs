namespace CustomerPlatform.Notifications;

public sealed record Preferences(IReadOnlyList<CategoryPreference> Categories);
