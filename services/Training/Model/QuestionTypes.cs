namespace CustomerPlatform.Training;

/// <summary>The kinds of quiz question, as the API spells them.</summary>
public static class QuestionTypes
{
    public const string SingleChoice = "single-choice";
    public const string MultipleChoice = "multiple-choice";
    public const string TrueFalse = "true-false";

    public static readonly IReadOnlyList<string> All = [SingleChoice, MultipleChoice, TrueFalse];
}
