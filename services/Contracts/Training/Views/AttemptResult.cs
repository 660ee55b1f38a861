namespace CustomerPlatform.Contracts.Training;

/// <summary>The answer to a quiz attempt: nothing about which answers were right.</summary>
public sealed record AttemptResult(decimal Score, bool Passed, int AttemptsLeft);
