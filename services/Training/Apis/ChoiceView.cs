namespace CustomerPlatform.Training;

public sealed record ChoiceView(Guid ChoiceId, string Text);
