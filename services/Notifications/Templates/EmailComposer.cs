using CustomerPlatform.Contracts.Notifications;
using MimeKit;

namespace CustomerPlatform.Notifications.Templates;

/// <summary>Checks a <see cref="SendEmail"/> against its template (recipient, every variable) and renders it.</summary>
public sealed class EmailComposer(EmailRenderer renderer)
{
    public const int MaxAddressLength = 320;

    public ComposedEmail Compose(SendEmail request, EmailTemplate? template)
    {
        if (template is null)
            return ComposedEmail.Invalid($"unknown template '{request.Template}'");

        List<string> errors = [];
        if (!IsPlainAddress(request.To))
            errors.Add("recipient is not an email address");
        if (request.RecipientName is { Length: > 200 } || request.RecipientName?.Any(char.IsControl) == true)
            errors.Add("recipient name is longer than 200 characters or contains control characters");

        var values = new Dictionary<string, string>();
        foreach (var variable in template.Variables)
        {
            var value = request.Variables?.GetValueOrDefault(variable.Name);
            if (variable.TryFormat(value, out var shown, out var error))
                values[variable.Name] = shown;
            else
                errors.Add($"variable '{variable.Name}' {error}");
        }

        if (errors.Count > 0)
            return ComposedEmail.Invalid(string.Join("; ", errors));

        return new ComposedEmail(renderer.Render(template, values, request.SensitiveVariables ?? []), null);
    }

    /// <summary>One bare address (<c>ann@example.com</c>): a display name belongs in <c>RecipientName</c>, a list is not one recipient.</summary>
    public static bool IsPlainAddress(string? value) =>
        value is { Length: > 0 and <= MaxAddressLength }
        && MailboxAddress.TryParse(value, out var mailbox)
        && mailbox.Address == value
        && mailbox.Address.IndexOf('@') is > 0 and var at && at < mailbox.Address.Length - 1;
}
