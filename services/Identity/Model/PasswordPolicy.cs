namespace CustomerPlatform.Identity;

/// <summary>
/// Length over composition rules (NIST SP 800-63B): at least 12 characters, not a common password,
/// not the account's own address. The upper bound keeps one hash from costing more than another.
/// </summary>
public sealed class PasswordPolicy(CommonPasswords commonPasswords)
{
    public const int MinLength = 12;
    public const int MaxLength = 256;

    public bool Validate(string? password, string field, ValidationErrors errors, string? email = null)
    {
        if (string.IsNullOrEmpty(password))
            errors.Add(field, "A password is required.");
        else if (password.Length < MinLength)
            errors.Add(field, $"A password has at least {MinLength} characters.");
        else if (password.Length > MaxLength)
            errors.Add(field, $"A password has at most {MaxLength} characters.");
        else if (commonPasswords.Contains(password))
            errors.Add(field, "This password is one of the most common passwords; choose another.");
        else if (email is not null && string.Equals(password.Trim(), email, StringComparison.OrdinalIgnoreCase))
            errors.Add(field, "A password cannot be the email address.");
        else
            return true;
        return false;
    }
}
