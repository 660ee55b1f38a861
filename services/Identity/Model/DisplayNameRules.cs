namespace CustomerPlatform.Identity;

public static class DisplayNameRules
{
    public const int MaxLength = 100;

    public static string? Validate(string? value, string field, ValidationErrors errors)
    {
        var name = value?.Trim();
        if (string.IsNullOrEmpty(name))
            errors.Add(field, "A display name is required.");
        else if (name.Length > MaxLength)
            errors.Add(field, $"A display name has at most {MaxLength} characters.");
        else if (name.Any(char.IsControl))
            errors.Add(field, "A display name cannot contain control characters.");
        else
            return name;
        return null;
    }
}
