namespace CustomerPlatform.Training;

/// <summary>A module of a draft; <see cref="Position"/> (1-based) is optional and moves it.</summary>
public sealed record ModuleRequest(string? Title, string? Content, int? EstimatedMinutes, int? Position);
