namespace CustomerPlatform.Messaging.Tests.Outbox;

/// <summary>One of a run of events published in a known order.</summary>
public sealed record Numbered(Guid RunId, int Number);
