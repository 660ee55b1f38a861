using System.Text.Json.Serialization;

namespace CustomerPlatform.Training;

/// <summary>A quiz question; <see cref="CreditMode"/> matters for multiple choice only.</summary>
public sealed record Question(Guid Id, string Type, string Text, string CreditMode, IReadOnlyList<Choice> Choices)
{
    [JsonIgnore]
    public IEnumerable<Guid> CorrectChoiceIds => Choices.Where(c => c.Correct).Select(c => c.Id);
}
