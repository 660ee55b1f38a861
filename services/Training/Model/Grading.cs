namespace CustomerPlatform.Training;

/// <summary>
/// Grades an attempt in memory. Every question weighs the same; a question left out earns nothing.
/// The pass decision uses the exact score, so 79.996 % does not pass by being shown as 80 %.
/// </summary>
public static class Grading
{
    public static (decimal Score, bool Passed, IReadOnlyList<QuizAnswer> Answers) Grade(Quiz quiz, IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> answers)
    {
        var graded = new List<QuizAnswer>();
        var total = 0m;
        foreach (var question in quiz.Questions)
        {
            if (!answers.TryGetValue(question.Id, out var picked))
                continue;
            var credit = Credit(question, picked);
            total += credit;
            graded.Add(new QuizAnswer(question.Id, picked, credit));
        }

        var exact = quiz.Questions.Count == 0 ? 0m : total * 100m / quiz.Questions.Count;
        return (Math.Round(exact, 2, MidpointRounding.ToZero), exact >= quiz.PassMark, graded);
    }

    public static decimal Credit(Question question, IReadOnlyCollection<Guid> picked)
    {
        var correct = question.CorrectChoiceIds.ToHashSet();
        if (question.Type != QuestionTypes.MultipleChoice || question.CreditMode != CreditModes.Partial)
            return correct.SetEquals(picked) ? 1m : 0m;

        // Partial credit: a share per correct choice picked, minus a share per wrong one, so picking every
        // choice earns nothing.
        var right = picked.Count(correct.Contains);
        var wrong = picked.Count - right;
        return correct.Count == 0 ? 0m : Math.Max(0m, (decimal)(right - wrong) / correct.Count);
    }
}
