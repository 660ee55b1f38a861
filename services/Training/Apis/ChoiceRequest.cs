namespace CustomerPlatform.Training;

/// <summary>A choice; an existing <see cref="ChoiceId"/> of the question keeps its id, otherwise a new one is made.</summary>
public sealed record ChoiceRequest(Guid? ChoiceId, string? Text, bool? Correct);
