using System.Globalization;

namespace CustomerPlatform.ServiceDefaults;

/// <summary>A report's period, <c>?from=&amp;to=</c> (dates, yyyy-MM-dd, UTC): from the start of <c>from</c>'s day to the end of <c>to</c>'s.</summary>
public static class ReportPeriod
{
    public const int DefaultDays = 90;
    public const int MaxDays = 731;

    /// <summary>The period, by default the <see cref="DefaultDays"/> days to today, or null with the errors naming the field that is wrong.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End)? Parse(string? from, string? to, TimeProvider time, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        DateOnly? first = null, last = null;
        foreach (var (name, value) in new[] { ("from", from), ("to", to) })
        {
            if (value is null)
                continue;
            if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                errors[name] = [$"'{name}' is a date: yyyy-MM-dd."];
            else if (name == "from")
                first = date;
            else
                last = date;
        }
        if (errors.Count > 0)
            return null;

        var end = (last ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)).AddDays(1).ToDateTime(TimeOnly.MinValue);
        var start = first?.ToDateTime(TimeOnly.MinValue) ?? end.AddDays(-DefaultDays);
        if (end <= start)
            errors["to"] = ["'to' is on or after 'from'."];
        else if ((end - start).TotalDays > MaxDays)
            errors["from"] = [$"A period is at most {MaxDays} days."];
        return errors.Count > 0 ? null : (new DateTimeOffset(start, TimeSpan.Zero), new DateTimeOffset(end, TimeSpan.Zero));
    }
}
