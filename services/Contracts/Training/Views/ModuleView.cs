namespace CustomerPlatform.Contracts.Training;

public sealed record ModuleView(Guid ModuleId, string Title, string Content, int EstimatedMinutes);
