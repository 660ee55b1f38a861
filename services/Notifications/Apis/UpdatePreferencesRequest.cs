namespace CustomerPlatform.Notifications;

/// <summary>The categories to change; categories not listed keep their setting.</summary>
public sealed record UpdatePreferencesRequest(IReadOnlyList<CategoryChoice>? Categories);
