namespace CustomerPlatform.Training;

public sealed record Choice(Guid Id, string Text, bool Correct);
