using System.Globalization;
using CustomerPlatform.Contracts.Training;

namespace CustomerPlatform.Web.Training;

/// <summary>How the app words a quiz's state and a score.</summary>
public static class CourseText
{
    public static string Score(decimal score) => score.ToString("0.##", CultureInfo.InvariantCulture) + " %";

    public static int AttemptsLeft(QuizProgress quiz) => Math.Max(0, quiz.AttemptsAllowed - quiz.AttemptsUsed);

    public static string Quiz(QuizProgress quiz) => quiz switch
    {
        { Passed: true } => $"quiz passed with {Score(quiz.BestScore ?? 0)}",
        { AttemptsUsed: 0 } => $"quiz not taken ({quiz.AttemptsAllowed} attempts)",
        _ when AttemptsLeft(quiz) == 0 => "no quiz attempts left",
        _ => $"quiz best {Score(quiz.BestScore ?? 0)}, {Attempts(AttemptsLeft(quiz))} left",
    };

    public static string Attempts(int count) => count == 1 ? "1 attempt" : $"{count} attempts";
}
