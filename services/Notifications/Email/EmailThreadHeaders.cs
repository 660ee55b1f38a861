using System.Text.RegularExpressions;
using MimeKit;

namespace CustomerPlatform.Notifications.Email;

/// <summary>
/// Checks the threading headers a sender asked for before they are stored: a message id that is not one
/// (spaces, brackets, line breaks) or an address that does not parse is dropped, not sent, so a bad
/// request cannot inject a header; at most <see cref="MaxReferences"/> references are kept, the newest.
/// </summary>
public static partial class EmailThreadHeaders
{
    public const int MaxReferences = 20;
    private const int MaxLength = 250;

    public static string? MessageId(string? value)
    {
        var id = value?.Trim().TrimStart('<').TrimEnd('>');
        return id is { Length: > 0 and <= MaxLength } && MessageIdPattern().IsMatch(id) ? id : null;
    }

    public static List<string> MessageIds(IEnumerable<string>? values) =>
        values is null ? [] : [.. values.Select(MessageId).OfType<string>().Distinct().TakeLast(MaxReferences)];

    public static string? Address(string? value) =>
        value is { Length: > 0 and <= MaxLength } && MailboxAddress.TryParse(value, out var address) && address.Address.Contains('@')
            ? address.ToString()
            : null;

    /// <summary>RFC 5322's id-left "@" id-right, without the characters that would end or break the header.</summary>
    [GeneratedRegex(@"^[^\s<>@""\\,;:()\[\]]+@[^\s<>@""\\,;:()\[\]]+$")]
    private static partial Regex MessageIdPattern();
}
