namespace CustomerPlatform.Onboarding;

/// <summary>The follow-up survey's answer, once the journey is complete.</summary>
public sealed record Survey(int Score, string? Comment, DateTimeOffset AnsweredAt);
