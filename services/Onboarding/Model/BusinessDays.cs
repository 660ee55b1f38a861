namespace CustomerPlatform.Onboarding;

/// <summary>Business-day arithmetic in UTC: Saturday and Sunday do not count.</summary>
public static class BusinessDays
{
    /// <summary>One business day after <paramref name="from"/>: Friday 10:00 → Monday 10:00; a weekend start counts from Monday 00:00.</summary>
    public static DateTimeOffset AddOne(DateTimeOffset from)
    {
        var at = from.ToUniversalTime();
        while (IsWeekend(at))
            at = new DateTimeOffset(at.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        at = at.AddDays(1);
        while (IsWeekend(at))
            at = at.AddDays(1);
        return at;
    }

    private static bool IsWeekend(DateTimeOffset at) => at.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
