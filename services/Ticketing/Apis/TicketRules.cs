using System.Text.RegularExpressions;

namespace CustomerPlatform.Ticketing;

/// <summary>What a ticket's fields may hold; each check adds a message for the field it names.</summary>
public static partial class TicketRules
{
    public const int MaxSubjectLength = 200;
    public const int MaxBodyLength = 10_000;
    public const int MaxCommentLength = 2_000;
    public const int MaxTags = 20;
    public const int MaxTagLength = 50;

    /// <summary>The store's order id (commerce.md): 1–64 characters of <c>[A-Za-z0-9_-]</c>.</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    public static partial Regex OrderIdPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex TagPattern();

    /// <summary>A phone number as people write it: digits with an optional leading '+', spaces, dots, dashes and brackets; 5 to 20 digits.</summary>
    [GeneratedRegex(@"^\+?[0-9 ().-]{5,40}$")]
    private static partial Regex PhonePattern();

    /// <summary>One address, no display name: something@domain.tld.</summary>
    [GeneratedRegex(@"^[^@\s""<>(),;:]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")]
    private static partial Regex EmailPattern();

    /// <summary>An optional order id the request names: the store's (<see cref="OrderIdPattern"/>) or nothing.</summary>
    public static void OrderId(string? value, Dictionary<string, string[]> errors)
    {
        if (value is not null && !OrderIdPattern().IsMatch(value))
            errors["orderId"] = ["'orderId' is the store's order id: 1 to 64 letters, digits, '-' or '_'."];
    }

    public static string? Email(string? value, string field, Dictionary<string, string[]> errors)
    {
        var email = value?.Trim();
        if (string.IsNullOrEmpty(email))
            return null;
        if (email.Length > 254 || !EmailPattern().IsMatch(email))
            errors[field] = [$"'{field}' must be an email address such as ann@example.com."];
        return email.ToLowerInvariant();
    }

    public static string? Phone(string? value, string field, Dictionary<string, string[]> errors)
    {
        var phone = value?.Trim();
        if (string.IsNullOrEmpty(phone))
            return null;
        var digits = phone.Count(char.IsAsciiDigit);
        if (!PhonePattern().IsMatch(phone) || digits is < 5 or > 20)
            errors[field] = [$"'{field}' must be a phone number: 5 to 20 digits, with an optional leading '+', spaces, dots, dashes or brackets."];
        return phone;
    }

    /// <summary>An absolute http or https URL of at most 2,048 characters.</summary>
    public static string? Link(string? value, string field, Dictionary<string, string[]> errors)
    {
        var link = value?.Trim();
        if (string.IsNullOrEmpty(link))
            return null;
        if (link.Length > 2048 || !Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            errors[field] = [$"'{field}' must be an absolute http or https URL of at most 2,048 characters."];
        return link;
    }

    /// <summary>A required text: trimmed, not empty, at most <paramref name="maxLength"/>, storable.</summary>
    public static string? Text(string? value, string field, int maxLength, Dictionary<string, string[]> errors, bool required = true)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
                errors[field] = [$"'{field}' is required."];
            return null;
        }
        if (text.Length > maxLength)
            errors[field] = [$"'{field}' must be at most {maxLength:N0} characters."];
        else if (!TextRules.IsStorable(text))
            errors[field] = [$"'{field}' {TextRules.NotStorable}"];
        return text;
    }

    public static string? OneOf(string? value, string field, IReadOnlyList<string> allowed, Dictionary<string, string[]> errors)
    {
        if (value is null)
            return null;
        if (!allowed.Contains(value))
            errors[field] = [$"'{field}' must be one of {string.Join(", ", allowed)}."];
        return value;
    }

    /// <summary>A queue's key: a word as a tag is.</summary>
    public static bool IsQueueKey(string? key) => key is { Length: > 0 and <= MaxTagLength } && TagPattern().IsMatch(key);

    /// <summary>
    /// Tags (and agents' skills, under <paramref name="field"/>) are lower-case words (letters, digits, '-', '_'), each at most
    /// 50 characters, at most 20; repeats count once.
    /// </summary>
    public static List<string>? Tags(IReadOnlyList<string>? tags, Dictionary<string, string[]> errors, string field = "tags")
    {
        if (tags is null)
            return null;
        var result = new List<string>();
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i]?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(tag) || tag.Length > MaxTagLength || !TagPattern().IsMatch(tag))
            {
                errors[$"{field}[{i}]"] = [$"A {(field == "tags" ? "tag" : "value")} is 1 to {MaxTagLength} lower-case letters, digits, '-' or '_', starting with a letter or digit."];
                continue;
            }
            if (!result.Contains(tag))
                result.Add(tag);
        }
        if (result.Count > MaxTags)
            errors[field] = [$"'{field}' may hold at most {MaxTags} values."];
        return result;
    }
}
