using System.Text.RegularExpressions;

namespace CustomerPlatform.Onboarding;

/// <summary>Field rules of the journey's forms; each failure names its field for the 400 problem details.</summary>
public static partial class RequestValidation
{
    public static Dictionary<string, string[]> Errors() => new(StringComparer.Ordinal);

    public static void Required(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
            errors[field] = [$"'{field}' is required."];
        else
            Optional(errors, field, value, maxLength);
    }

    public static void Optional(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
            errors[field] = [$"'{field}' must be at most {maxLength} characters."];
        else if (value is not null && !TextRules.IsStorable(value))
            errors[field] = [$"'{field}' {TextRules.NotStorable}"];
    }

    public static Dictionary<string, string[]> Details(DetailsRequest body)
    {
        var errors = Errors();
        Required(errors, "company", body.Company, 200);
        Required(errors, "jobTitle", body.JobTitle, 200);
        if (body.TeamSize is not (>= 1 and <= 1_000_000))
            errors["teamSize"] = ["'teamSize' is required: a whole number from 1 to 1,000,000."];
        Optional(errors, "goals", body.Goals, 2000);
        if (string.IsNullOrWhiteSpace(body.Phone) || !IsPhone(body.Phone))
            errors["phone"] = ["'phone' is required, in international form such as +44 20 7946 0958 (7 to 15 digits)."];
        if (string.IsNullOrWhiteSpace(body.Timezone) || body.Timezone.Length > 100 || !TimeZoneInfo.TryFindSystemTimeZoneById(body.Timezone, out _))
            errors["timezone"] = ["'timezone' is required: an IANA time zone id such as Europe/Berlin."];
        return errors;
    }

    public static Dictionary<string, string[]> Profile(ProfileRequest body)
    {
        var errors = Errors();
        Required(errors, "headline", body.Headline, 120);
        Required(errors, "bio", body.Bio, 2000);
        if (body.Expertise is not { Count: >= 1 and <= 20 })
            errors["expertise"] = ["'expertise' is required: 1 to 20 items."];
        else
        {
            for (var i = 0; i < body.Expertise.Count; i++)
                Required(errors, $"expertise[{i}]", body.Expertise[i], 60);
        }

        return errors;
    }

    /// <summary>E.164-ish: an optional +, then digits with the usual separators; 7 to 15 digits, not starting with 0 after a +.</summary>
    public static bool IsPhone(string phone)
    {
        if (!PhoneCharacters().IsMatch(phone))
            return false;
        var digits = phone.Count(char.IsAsciiDigit);
        return digits is >= 7 and <= 15;
    }

    [GeneratedRegex(@"^(\+[1-9]|[0-9(])[0-9 ()\-.]{5,24}$")]
    private static partial Regex PhoneCharacters();
}
