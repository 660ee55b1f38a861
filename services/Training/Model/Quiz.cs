namespace CustomerPlatform.Training;

/// <summary>The quiz that ends a course. <see cref="PassMark"/> is a percentage of the questions' credit.</summary>
public sealed record Quiz(Guid Id, decimal PassMark, int AttemptsAllowed, IReadOnlyList<Question> Questions)
{
    public const decimal DefaultPassMark = 80m;
    public const int DefaultAttemptsAllowed = 3;
}
