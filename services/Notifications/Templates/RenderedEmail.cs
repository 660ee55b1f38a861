namespace CustomerPlatform.Notifications.Templates;

/// <summary>An email ready to send, and what the in-app inbox shows of it (no sensitive value).</summary>
public sealed record RenderedEmail(string Subject, string Html, string Text, string InboxText);
