namespace CustomerPlatform.Training;

public sealed record ExtraAttemptsRequest(int? Count, string? Reason);
