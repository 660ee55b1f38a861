namespace CustomerPlatform.Training;

/// <summary>Turns a course version into what a learner may see, in the order of one attempt.</summary>
internal static class CourseViews
{
    public static CourseView ForLearner(Guid courseId, string level, CourseVersion version, Guid? enrollmentId, int? attemptNumber, Random random)
    {
        var quiz = version.Content.Quiz;
        var questions = QuizShuffle.Shuffle(quiz.Questions, random)
            .Select(q => new QuestionView(q.Id, q.Type, q.Text,
                // True/false stays "True, False": shuffling two fixed words only confuses.
                (q.Type == QuestionTypes.TrueFalse ? q.Choices : QuizShuffle.Shuffle(q.Choices, random))
                    .Select(c => new ChoiceView(c.Id, c.Text)).ToList()))
            .ToList();
        return new CourseView(courseId, level, version.Version, version.Title, version.Description,
            version.Content.Modules.Select(m => new ModuleView(m.Id, m.Title, m.Content, m.EstimatedMinutes)).ToList(),
            new QuizView(quiz.Id, quiz.PassMark, quiz.AttemptsAllowed, attemptNumber, questions),
            enrollmentId);
    }
}
