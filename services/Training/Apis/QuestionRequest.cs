namespace CustomerPlatform.Training;

/// <summary>A question of a draft; <see cref="Position"/> (1-based) is optional and moves it.</summary>
public sealed record QuestionRequest(string? Type, string? Text, string? CreditMode, List<ChoiceRequest?>? Choices, int? Position);
