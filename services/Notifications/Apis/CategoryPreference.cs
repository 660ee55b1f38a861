namespace CustomerPlatform.Notifications;

/// <summary>Whether the customer gets a category's emails; <see cref="CanOptOut"/> false means always (security).</summary>
public sealed record CategoryPreference(string Category, string Description, bool Email, bool CanOptOut);
