namespace CustomerPlatform.Contracts.Training;

public sealed record ChoiceView(Guid ChoiceId, string Text);
