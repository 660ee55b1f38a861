using System.Globalization;

namespace CustomerPlatform.Notifications.Templates;

/// <summary>A variable a template needs, and what a valid value looks like.</summary>
public sealed record TemplateVariable(string Name, VariableKind Kind, int MaxLength, long Min = 0, long Max = 0, bool Required = true)
{
    public static TemplateVariable Text(string name, int maxLength = 200) => new(name, VariableKind.Text, maxLength);

    public static TemplateVariable Paragraph(string name, int maxLength = 4000) => new(name, VariableKind.Paragraph, maxLength);

    public static TemplateVariable Link(string name) => new(name, VariableKind.Link, 2048);

    public static TemplateVariable Number(string name, long min, long max) => new(name, VariableKind.Number, 20, min, max);

    public static TemplateVariable Timestamp(string name) => new(name, VariableKind.Timestamp, 64);

    public static TemplateVariable EmailAddress(string name) => new(name, VariableKind.EmailAddress, 320);

    public TemplateVariable Optional() => this with { Required = false };

    /// <summary>Checks <paramref name="value"/>; on success gives the text the templates show (a timestamp formatted for a reader).</summary>
    public bool TryFormat(string? value, out string shown, out string? error)
    {
        shown = "";
        error = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = Required ? "is required" : null;
            return !Required;
        }

        if (value.Length > MaxLength)
            error = $"is longer than {MaxLength} characters";
        else if (value.Any(c => char.IsControl(c) && !(Kind == VariableKind.Paragraph && c is '\n' or '\r' or '\t')))
            error = "contains control characters";
        else
            error = Kind switch
            {
                VariableKind.Link => IsWebLink(value) ? null : "is not an absolute http or https URL",
                VariableKind.Number => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= Min && number <= Max
                    ? null
                    : $"is not a whole number from {Min} to {Max}",
                VariableKind.Timestamp => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                    ? Shown(at, out shown)
                    : "is not an ISO 8601 date and time",
                VariableKind.EmailAddress => EmailComposer.IsPlainAddress(value) ? null : "is not an email address",
                _ => null,
            };

        if (error is not null)
            return false;
        if (Kind != VariableKind.Timestamp)
            shown = value.Trim();
        return true;
    }

    private static bool IsWebLink(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && !string.IsNullOrEmpty(uri.Host);

    private static string? Shown(DateTimeOffset at, out string shown)
    {
        shown = at.ToUniversalTime().ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
        return null;
    }
}
