namespace CustomerPlatform.Identity;

public static class EmailRules
{
    public const int MaxLength = EmailAddressRules.MaxLength;

    /// <summary>The trimmed address, or null after adding why it is not one.</summary>
    public static string? Validate(string? value, string field, ValidationErrors errors)
    {
        var email = value?.Trim();
        if (string.IsNullOrEmpty(email))
            errors.Add(field, "An email address is required.");
        else if (email.Length > MaxLength)
            errors.Add(field, $"An email address has at most {MaxLength} characters.");
        else if (!EmailAddressRules.IsAddress(email))
            errors.Add(field, "This is not an email address.");
        else
            return email;
        return null;
    }
}
