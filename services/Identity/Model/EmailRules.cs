using System.Net.Mail;

namespace CustomerPlatform.Identity;

public static class EmailRules
{
    /// <summary>RFC 5321's limit on a forward path.</summary>
    public const int MaxLength = 254;

    /// <summary>The trimmed address, or null after adding why it is not one.</summary>
    public static string? Validate(string? value, string field, ValidationErrors errors)
    {
        var email = value?.Trim();
        if (string.IsNullOrEmpty(email))
            errors.Add(field, "An email address is required.");
        else if (email.Length > MaxLength)
            errors.Add(field, $"An email address has at most {MaxLength} characters.");
        // MailAddress also accepts display names and comments; only a bare address that round-trips is one.
        else if (!MailAddress.TryCreate(email, out var address) || address.Address != email || !address.Host.Contains('.'))
            errors.Add(field, "This is not an email address.");
        else
            return email;
        return null;
    }
}
