using System.Globalization;

namespace CustomerPlatform.ServiceDefaults;

/// <summary>The <c>page</c> (from 1) and <c>pageSize</c> (1 to 100, default 20) query parameters of a list.</summary>
public sealed record Paging(int Page, int PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public int Skip => (Page - 1) * PageSize;

    /// <summary>Parsed here rather than bound, so a bad value gets a 400 that names the parameter.</summary>
    public static bool TryParse(string? page, string? pageSize, out Paging paging, Dictionary<string, string[]> errors)
    {
        var number = Parse(page, 1, int.MaxValue / MaxPageSize, 1, "page", errors);
        var size = Parse(pageSize, 1, MaxPageSize, DefaultPageSize, "pageSize", errors);
        paging = new Paging(number, size);
        return errors.Count == 0;
    }

    private static int Parse(string? value, int min, int max, int fallback, string name, Dictionary<string, string[]> errors)
    {
        if (value is null)
            return fallback;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
            return parsed;
        errors[name] = [$"'{name}' must be a whole number from {min} to {max}."];
        return fallback;
    }
}
