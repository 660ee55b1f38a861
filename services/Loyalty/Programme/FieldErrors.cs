using System.ComponentModel.DataAnnotations;

namespace CustomerPlatform.Loyalty.Programme;

/// <summary>
/// The options' data annotations and <see cref="IValidatableObject"/> checks, as fields of a JSON body: the same rules
/// check the configuration at start and an admin's new programme version (a 400 naming e.g. <c>tiers[1].threshold</c>).
/// </summary>
public static class FieldErrors
{
    /// <summary>
    /// The validation results of <paramref name="value"/> with their member names under <paramref name="field"/>: a plain
    /// property name is camel-cased (<c>Cost</c> → <c>cost</c>); a path a check named itself (<c>onboarding.points</c>) is kept.
    /// </summary>
    public static IEnumerable<ValidationResult> Of(object value, string field)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var members = result.MemberNames.Any() ? result.MemberNames : [""];
            yield return new ValidationResult(result.ErrorMessage, [.. members.Select(m => Join(field, IsPlainName(m) ? Camel(m) : m))]);
        }
    }

    /// <summary><paramref name="field"/> then <paramref name="member"/>, with a dot between when both are set.</summary>
    public static string Join(string field, string member) =>
        field.Length == 0 ? member : member.Length == 0 ? field : member.StartsWith('[') ? field + member : $"{field}.{member}";

    /// <summary>The results as a validation problem's errors: each field with its messages.</summary>
    public static Dictionary<string, string[]> ToDictionary(IEnumerable<ValidationResult> results) =>
        results.SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (Field: m, Message: r.ErrorMessage ?? "Invalid.")))
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray(), StringComparer.Ordinal);

    private static bool IsPlainName(string member) => member.Length > 0 && member.All(char.IsAsciiLetterOrDigit);

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
