namespace CustomerPlatform.Contracts.Training;

public sealed record ExtraAttemptsRequest(int? Count, string? Reason);
