namespace CustomerPlatform.Training;

public sealed record VersionSummary(int Version, string Status, DateTimeOffset? PublishedAt);
