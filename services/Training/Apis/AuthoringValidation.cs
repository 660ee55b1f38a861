namespace CustomerPlatform.Training;

/// <summary>What the authoring API accepts; each error names its field.</summary>
internal static class AuthoringValidation
{
    public static Dictionary<string, string[]> Course(CourseRequest body, bool creating)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (creating && !Contracts.Training.CourseLevels.All.Contains(body.Level ?? ""))
            errors["level"] = [$"'level' must be one of: {string.Join(", ", Contracts.Training.CourseLevels.All)}."];
        Text(errors, "title", body.Title, 200);
        if (body.Description is { Length: > 4000 })
            errors["description"] = ["'description' is at most 4000 characters."];
        if (body.PassMark is { } mark && (mark <= 0 || mark > 100))
            errors["passMark"] = ["'passMark' is a percentage above 0 and at most 100."];
        if (body.AttemptsAllowed is { } attempts && (attempts < 1 || attempts > 20))
            errors["attemptsAllowed"] = ["'attemptsAllowed' is from 1 to 20."];
        return errors;
    }

    public static Dictionary<string, string[]> Module(ModuleRequest body, int count)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Text(errors, "title", body.Title, 200);
        Text(errors, "content", body.Content, 100_000);
        if (body.EstimatedMinutes is not (>= 1 and <= 600))
            errors["estimatedMinutes"] = ["'estimatedMinutes' is required, from 1 to 600."];
        Position(errors, body.Position, count);
        return errors;
    }

    public static Dictionary<string, string[]> Question(QuestionRequest body, int count)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!QuestionTypes.All.Contains(body.Type ?? ""))
            errors["type"] = [$"'type' must be one of: {string.Join(", ", QuestionTypes.All)}."];
        Text(errors, "text", body.Text, 2000);
        if (body.CreditMode is not null && !CreditModes.All.Contains(body.CreditMode))
            errors["creditMode"] = [$"'creditMode' must be one of: {string.Join(", ", CreditModes.All)}."];
        Position(errors, body.Position, count);

        var choices = body.Choices;
        if (choices is null || choices.Count < 2 || choices.Count > 10 || (body.Type == QuestionTypes.TrueFalse && choices.Count != 2))
        {
            errors["choices"] = [body.Type == QuestionTypes.TrueFalse ? "A true-false question has exactly 2 choices." : "'choices' needs 2 to 10 choices."];
            return errors;
        }

        for (var i = 0; i < choices.Count; i++)
        {
            if (choices[i] is not { } choice)
                errors[$"choices[{i}]"] = ["Each choice is an object {text, correct}."];
            else
            {
                Text(errors, $"choices[{i}].text", choice.Text, 500);
                if (choice.Correct is null)
                    errors[$"choices[{i}].correct"] = ["'correct' is required (true or false)."];
            }
        }

        var correct = choices.Count(c => c?.Correct == true);
        if (errors.Count == 0 && body.Type != QuestionTypes.MultipleChoice && correct != 1)
            errors["choices"] = [$"A {body.Type} question has exactly one correct choice."];
        else if (errors.Count == 0 && correct == 0)
            errors["choices"] = ["At least one choice must be correct."];
        return errors;
    }

    private static void Text(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > max)
            errors[field] = [$"'{field}' is required, at most {max} characters."];
    }

    private static void Position(Dictionary<string, string[]> errors, int? position, int count)
    {
        if (position is { } p && (p < 1 || p > count))
            errors["position"] = [$"'position' is from 1 to {count}."];
    }
}
