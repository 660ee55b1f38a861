namespace CustomerPlatform.Training.Tests;

/// <summary>The grading rules, in memory (no server needed).</summary>
public sealed class When_a_quiz_is_graded
{
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), C = Guid.NewGuid(), D = Guid.NewGuid();

    private static Question Make(string type, string credit, params (Guid Id, bool Correct)[] choices) =>
        new(Guid.NewGuid(), type, "?", credit, choices.Select(c => new Choice(c.Id, "x", c.Correct)).ToList());

    private static decimal Credit(Question q, params Guid[] picked) => Grading.Credit(q, picked);

    [Fact]
    public void Should_credit_a_single_choice_only_when_right()
    {
        var q = Make(QuestionTypes.SingleChoice, CreditModes.AllOrNothing, (A, false), (B, true), (C, false));
        Assert.Equal(1m, Credit(q, B));
        Assert.Equal(0m, Credit(q, A));
    }

    [Fact]
    public void Should_grade_true_false()
    {
        var q = Make(QuestionTypes.TrueFalse, CreditModes.AllOrNothing, (A, true), (B, false));
        Assert.Equal(1m, Credit(q, A));
        Assert.Equal(0m, Credit(q, B));
    }

    [Fact]
    public void Should_grade_all_or_nothing_only_for_the_exact_set()
    {
        var q = Make(QuestionTypes.MultipleChoice, CreditModes.AllOrNothing, (A, true), (B, true), (C, false), (D, false));
        Assert.Equal(1m, Credit(q, A, B));
        Assert.Equal(0m, Credit(q, A));
        Assert.Equal(0m, Credit(q, A, B, C));
    }

    [Fact]
    public void Should_give_partial_credit_per_choice_and_take_it_back_for_wrong_ones()
    {
        var q = Make(QuestionTypes.MultipleChoice, CreditModes.Partial, (A, true), (B, true), (C, false), (D, false));
        Assert.Equal(1m, Credit(q, A, B));
        Assert.Equal(0.5m, Credit(q, A));
        Assert.Equal(0.5m, Credit(q, A, B, C));
        Assert.Equal(0m, Credit(q, A, B, C, D));
        Assert.Equal(0m, Credit(q, C));
    }

    [Theory]
    [InlineData(4, 80, true)]
    [InlineData(3, 60, false)]
    public void Should_pass_at_exactly_the_pass_mark(int right, decimal score, bool passed)
    {
        var questions = Enumerable.Range(0, 5).Select(_ => Make(QuestionTypes.TrueFalse, CreditModes.AllOrNothing, (Guid.NewGuid(), true), (Guid.NewGuid(), false))).ToList();
        var answers = questions.ToDictionary(q => q.Id, q => (IReadOnlyList<Guid>)[q.Choices[questions.IndexOf(q) < right ? 0 : 1].Id]);

        var result = Grading.Grade(new Quiz(Guid.NewGuid(), 80m, 3, questions), answers);

        Assert.Equal(score, result.Score);
        Assert.Equal(passed, result.Passed);
    }

    [Fact]
    public void Should_not_pass_a_score_just_under_the_mark_shown_rounded()
    {
        // 2 of 3 right is 66.666…%: shown as 66.66, and below a 66.67 pass mark.
        var questions = Enumerable.Range(0, 3).Select(_ => Make(QuestionTypes.TrueFalse, CreditModes.AllOrNothing, (Guid.NewGuid(), true), (Guid.NewGuid(), false))).ToList();
        var answers = questions.Take(2).ToDictionary(q => q.Id, q => (IReadOnlyList<Guid>)[q.Choices[0].Id]);

        var result = Grading.Grade(new Quiz(Guid.NewGuid(), 66.67m, 3, questions), answers);

        Assert.Equal(66.66m, result.Score);
        Assert.False(result.Passed);
    }

    [Fact]
    public void Should_score_unanswered_questions_zero()
    {
        var questions = Enumerable.Range(0, 4).Select(_ => Make(QuestionTypes.TrueFalse, CreditModes.AllOrNothing, (Guid.NewGuid(), true), (Guid.NewGuid(), false))).ToList();
        var answers = new Dictionary<Guid, IReadOnlyList<Guid>> { [questions[0].Id] = [questions[0].Choices[0].Id] };

        Assert.Equal(25m, Grading.Grade(new Quiz(Guid.NewGuid(), 80m, 3, questions), answers).Score);
    }
}
