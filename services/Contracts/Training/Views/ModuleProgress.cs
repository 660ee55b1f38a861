namespace CustomerPlatform.Contracts.Training;

public sealed record ModuleProgress(Guid ModuleId, string Title, bool Completed);
