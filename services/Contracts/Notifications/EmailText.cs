using System.Text;

namespace CustomerPlatform.Contracts.Notifications;

/// <summary>
/// Values made fit for Notifications' template variables, which refuse control characters in a one-line
/// value and anything over a variable's limit: senders shorten rather than have the email refused.
/// </summary>
public static class EmailText
{
    /// <summary>Notifications' limit for a one-line (Text) variable.</summary>
    public const int MaxTextLength = 200;

    /// <summary>One line: control characters become spaces; cut to <paramref name="max"/> with an ellipsis.</summary>
    public static string OneLine(string value, int max = MaxTextLength) =>
        Shorten(new string(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim(), max);

    /// <summary>Lines kept (and tabs); other control characters dropped; cut to <paramref name="max"/>.</summary>
    public static string Paragraph(string body, int max) =>
        Shorten(new string(body.Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t').ToArray()).Trim(), max);

    private static string Shorten(string value, int max)
    {
        if (value.Length <= max)
            return value;
        var cut = value[..(max - 1)];
        // Never split a surrogate pair (an emoji) in half.
        if (char.IsHighSurrogate(cut[^1]))
            cut = cut[..^1];
        return new StringBuilder(cut.TrimEnd()).Append('…').ToString();
    }
}
