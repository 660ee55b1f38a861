namespace CustomerPlatform.Identity;

/// <summary>Field errors of one request, keyed by the JSON name of the field, as problem details carry them.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public IDictionary<string, string[]> ToDictionary() => _errors;

    public void Add(string field, string message) =>
        _errors[field] = _errors.TryGetValue(field, out var messages) ? [.. messages, message] : [message];

    public static ValidationErrors For(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return errors;
    }
}
