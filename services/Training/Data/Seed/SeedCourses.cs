namespace CustomerPlatform.Training;

/// <summary>
/// The courses the platform ships, with well-known ids: the Onboarding service, the app and the tests
/// may name them. Module, question and choice ids follow a fixed pattern per course (see <see cref="Id"/>).
/// </summary>
public static class SeedCourses
{
    public static readonly Guid InitialCourseId = new("c0000001-0000-4000-8000-000000000000");
    public static readonly Guid AdvancedCourseId = new("c0000002-0000-4000-8000-000000000000");

    public const int Version = 1;

    internal static readonly DateTimeOffset PublishedAt = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    /// <summary>c000000{course}-{kind}-4000-8000-{number}: kind 0001 module, 0002 quiz, 0003 question, 0004 choice.</summary>
    public static Guid Id(int course, int kind, int number) => new($"c000000{course}-{kind:D4}-4000-8000-{number:D12}");

    public static Guid ModuleId(int course, int module) => Id(course, 1, module);
    public static Guid QuizId(int course) => Id(course, 2, 1);
    public static Guid QuestionId(int course, int question) => Id(course, 3, question);
    public static Guid ChoiceId(int course, int question, int choice) => Id(course, 4, question * 100 + choice);

    internal static CourseModule Module(int course, int number, string title, int minutes, string markdown) =>
        new(ModuleId(course, number), title, markdown.Trim(), minutes);

    internal static Question Single(int course, int number, string text, int correct, params string[] choices) =>
        new(QuestionId(course, number), QuestionTypes.SingleChoice, text, CreditModes.AllOrNothing, Choices(course, number, [correct], choices));

    internal static Question Multiple(int course, int number, string creditMode, string text, int[] correct, params string[] choices) =>
        new(QuestionId(course, number), QuestionTypes.MultipleChoice, text, creditMode, Choices(course, number, correct, choices));

    internal static Question TrueFalse(int course, int number, string text, bool answer) =>
        new(QuestionId(course, number), QuestionTypes.TrueFalse, text, CreditModes.AllOrNothing,
            Choices(course, number, [answer ? 1 : 2], ["True", "False"]));

    private static List<Choice> Choices(int course, int question, int[] correct, string[] texts) =>
        texts.Select((text, i) => new Choice(ChoiceId(course, question, i + 1), text, correct.Contains(i + 1))).ToList();
}
