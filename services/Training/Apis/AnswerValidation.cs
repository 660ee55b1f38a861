namespace CustomerPlatform.Training;

/// <summary>
/// Checks an attempt's answers against the quiz before anything is graded or stored: every question
/// and choice must be the quiz's own, a question answered once, and a single-choice or true/false
/// question given exactly one choice. A question left out is allowed and earns nothing.
/// </summary>
internal static class AnswerValidation
{
    public static Dictionary<string, string[]> Validate(SubmitAttemptRequest body, Quiz quiz, out Dictionary<Guid, IReadOnlyList<Guid>> answers)
    {
        answers = [];
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.Answers is null || body.Answers.Count == 0)
        {
            errors["answers"] = ["'answers' is required: a list of {questionId, choiceIds}, one per question answered."];
            return errors;
        }

        var questions = quiz.Questions.ToDictionary(q => q.Id);
        for (var i = 0; i < body.Answers.Count; i++)
        {
            var field = $"answers[{i}]";
            var answer = body.Answers[i];
            if (answer is null)
                errors[field] = [$"'{field}' must be an object {{questionId, choiceIds}}."];
            else if (answer.QuestionId is not { } questionId || !questions.TryGetValue(questionId, out var question))
                errors[$"{field}.questionId"] = [$"'{field}.questionId' is not a question of this quiz."];
            else if (answers.ContainsKey(questionId))
                errors[$"{field}.questionId"] = [$"Question {questionId} is answered twice."];
            else if (ChoiceError(answer.ChoiceIds, question) is { } error)
                errors[$"{field}.choiceIds"] = [error];
            else
                answers[questionId] = answer.ChoiceIds!;
        }

        return errors;
    }

    private static string? ChoiceError(List<Guid>? choiceIds, Question question)
    {
        if (choiceIds is null)
            return "'choiceIds' is required: the ids of the choices picked.";
        if (choiceIds.Any(id => question.Choices.All(c => c.Id != id)))
            return "A choice is not one of this question's choices.";
        if (choiceIds.Distinct().Count() != choiceIds.Count)
            return "A choice is picked twice.";
        if (question.Type != QuestionTypes.MultipleChoice && choiceIds.Count != 1)
            return $"A {question.Type} question takes exactly one choice.";
        return null;
    }
}
