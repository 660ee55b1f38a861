namespace CustomerPlatform.ServiceDefaults;

/// <summary>
/// What free text a request may carry: any Unicode text, including tabs and line breaks, but no other
/// control characters (PostgreSQL refuses NUL in text, and none of them has a place in a name or a
/// message) and no unpaired surrogate (not text at all: it cannot be stored as UTF-8). Checked when the
/// request is validated, so such a request is a 400 naming the field, never an accepted request whose
/// write fails later.
/// </summary>
public static class TextRules
{
    public static bool IsStorable(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
                return false;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                i++;
            else if (char.IsSurrogate(c))
                return false;
        }

        return true;
    }

    public const string NotStorable = "must not contain control characters (other than tabs and line breaks) or broken Unicode.";
}
