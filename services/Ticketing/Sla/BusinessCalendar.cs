namespace CustomerPlatform.Ticketing;

/// <summary>
/// One opening interval on a day of the week, in the calendar's local wall-clock time, from
/// <paramref name="Opens"/> (included) to <paramref name="Closes"/> (excluded).
/// </summary>
/// <param name="Day">The day of the week the interval belongs to.</param>
/// <param name="Opens">Local time the desk opens.</param>
/// <param name="Closes">
/// Local time the desk closes. <see cref="TimeOnly.MinValue"/> (00:00) means midnight at the end of the day,
/// so <c>new BusinessHours(day, TimeOnly.MinValue, TimeOnly.MinValue)</c> is the whole day.
/// </param>
public sealed record BusinessHours(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

/// <summary>
/// Counts time in business hours, for SLA targets such as "first response within 4 business hours".
/// </summary>
/// <remarks>
/// <para>
/// Opening hours are local wall-clock times in the calendar's time zone; holidays are local dates on which
/// nothing counts. Business time is real elapsed time: each interval is converted to UTC and its length is
/// the time between those two instants. On a daylight-saving day an interval spanning the change is
/// therefore shorter or longer than its wall-clock length (09:00–17:00 is an hour shorter if an hour is skipped
/// inside it).
/// </para>
/// <para>
/// A local time that does not exist (skipped by a spring-forward change) means the instant the clocks jump
/// forward, that is the first valid time after the gap. A local time that happens twice (repeated by a
/// fall-back change) means its first occurrence, under the earlier (daylight) offset. Both rules keep later
/// local times at later instants, so intervals never turn inside out.
/// </para>
/// <para>Results are in UTC (offset zero). Instances are immutable and safe to share between threads.</para>
/// </remarks>
public sealed class BusinessCalendar
{
    private const long TicksPerDay = TimeSpan.TicksPerDay;
    private static readonly long MaxTicks = DateTime.MaxValue.Ticks;
    private static readonly int LastDay = DateOnly.MaxValue.DayNumber;

    // Recently used days, by day number modulo the size. 1,024 days cover almost three years, so
    // repeated SLA computations around "now" rarely convert local times again. Slots hold immutable
    // objects and are replaced whole, so concurrent readers see either an old or a new day, both correct.
    private const int CacheSize = 1024;

    private readonly TimeZoneInfo _zone;
    private readonly bool _fixedOffset;
    private readonly long[][] _weekly; // per DayOfWeek: open, close pairs as ticks since local midnight, sorted
    private readonly HashSet<int> _holidays;
    private readonly bool _hasHours;
    private readonly Day?[] _days = new Day?[CacheSize];

    /// <summary>A calendar that is always open: every hour of every day counts, in UTC, with no holidays.</summary>
    public static BusinessCalendar AlwaysOpen { get; } = new(
        TimeZoneInfo.Utc,
        Enum.GetValues<DayOfWeek>().Select(day => new BusinessHours(day, TimeOnly.MinValue, TimeOnly.MinValue)),
        []);

    /// <summary>Creates a calendar.</summary>
    /// <param name="timeZoneId">An IANA time zone id such as <c>Europe/Paris</c>.</param>
    /// <param name="hours">
    /// The weekly opening intervals; a day may have none or several (a lunch break is two intervals).
    /// Intervals of one day may touch but not overlap.
    /// </param>
    /// <param name="holidays">Local dates on which nothing counts.</param>
    /// <exception cref="ArgumentException">The zone is unknown, or an interval is empty, reversed or overlaps another.</exception>
    public BusinessCalendar(string timeZoneId, IEnumerable<BusinessHours> hours, IEnumerable<DateOnly>? holidays = null)
        : this(FindZone(timeZoneId), hours, holidays ?? [])
    {
    }

    private BusinessCalendar(TimeZoneInfo zone, IEnumerable<BusinessHours> hours, IEnumerable<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(hours);
        _zone = zone;
        // Without adjustment rules the offset never changes, and local time converts by subtraction.
        _fixedOffset = zone.GetAdjustmentRules().Length == 0;
        _weekly = BuildWeek(hours);
        _hasHours = _weekly.Any(day => day.Length > 0);
        _holidays = holidays.Select(date => date.DayNumber).ToHashSet();
    }

    /// <summary>
    /// The instant at which <paramref name="businessTime"/> of business time has elapsed, counting from
    /// <paramref name="start"/>. Outside business hours, counting begins at the next opening. A target that
    /// is met exactly at a closing time returns that closing time, not the next opening.
    /// </summary>
    /// <returns>The instant in UTC; for a zero duration, <paramref name="start"/> itself (also in UTC).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The duration is negative, or the result is past <see cref="DateTimeOffset.MaxValue"/>.</exception>
    /// <exception cref="InvalidOperationException">The calendar has no business hours.</exception>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan businessTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(businessTime, TimeSpan.Zero);
        if (businessTime == TimeSpan.Zero)
            return start.ToUniversalTime();
        if (!_hasHours)
            throw new InvalidOperationException("The calendar has no business hours.");

        var from = start.UtcTicks;
        var remaining = businessTime.Ticks;
        // Business time never runs faster than real time, so this result could not be represented.
        if (remaining > MaxTicks - from)
            throw TooFar(nameof(businessTime));

        // Start before the local date: a window of the previous local day can still be open at the start.
        // The loop ends because holidays are finite and every week has hours.
        for (var day = AroundLocalDay(from, -3); day <= LastDay; day++)
        {
            var windows = GetDay(day).Windows;
            for (var i = 0; i < windows.Length; i += 2)
            {
                var close = windows[i + 1];
                if (close <= from)
                    continue;
                var open = Math.Max(windows[i], from);
                var length = close - open;
                if (remaining <= length)
                    return new DateTimeOffset(open + remaining, TimeSpan.Zero);
                remaining -= length;
            }
        }
        throw TooFar(nameof(businessTime));
    }

    /// <summary>The business time between two instants; zero if <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from || !_hasHours)
            return TimeSpan.Zero;

        var start = from.UtcTicks;
        var end = to.UtcTicks;
        var last = AroundLocalDay(end, 3);
        var total = 0L;
        for (var day = AroundLocalDay(start, -3); day <= last; day++)
        {
            var windows = GetDay(day).Windows;
            for (var i = 0; i < windows.Length; i += 2)
            {
                var open = Math.Max(windows[i], start);
                var close = Math.Min(windows[i + 1], end);
                if (close > open)
                    total += close - open;
            }
        }
        return TimeSpan.FromTicks(total);
    }

    /// <summary>
    /// The opening intervals between two instants, in order, cut to them, touching ones joined (an always-open
    /// calendar gives one interval): what lets a database count business time without the calendar (see the reports).
    /// </summary>
    public IEnumerable<(DateTimeOffset Opens, DateTimeOffset Closes)> OpenIntervals(DateTimeOffset from, DateTimeOffset to)
    {
        var start = from.UtcTicks;
        var end = to.UtcTicks;
        if (end <= start || !_hasHours)
            yield break;

        long? open = null, close = null;
        var last = AroundLocalDay(end, 3);
        for (var day = AroundLocalDay(start, -3); day <= last; day++)
        {
            var windows = GetDay(day).Windows;
            for (var i = 0; i < windows.Length; i += 2)
            {
                var (o, c) = (Math.Max(windows[i], start), Math.Min(windows[i + 1], end));
                if (c <= o)
                    continue;
                if (close == o)
                {
                    close = c;
                    continue;
                }
                if (open is { } previous)
                    yield return (new(previous, TimeSpan.Zero), new(close!.Value, TimeSpan.Zero));
                (open, close) = (o, c);
            }
        }
        if (open is { } final)
            yield return (new(final, TimeSpan.Zero), new(close!.Value, TimeSpan.Zero));
    }

    private static TimeZoneInfo FindZone(string timeZoneId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZoneId);
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"Unknown time zone '{timeZoneId}'.", nameof(timeZoneId), e);
        }
    }

    private static long[][] BuildWeek(IEnumerable<BusinessHours> hours)
    {
        var byDay = new List<(long Open, long Close)>[7];
        for (var i = 0; i < byDay.Length; i++)
            byDay[i] = [];

        foreach (var interval in hours)
        {
            ArgumentNullException.ThrowIfNull(interval, nameof(hours));
            if (!Enum.IsDefined(interval.Day))
                throw new ArgumentException($"'{interval.Day}' is not a day of the week.", nameof(hours));
            var open = interval.Opens.Ticks;
            var close = interval.Closes == TimeOnly.MinValue ? TicksPerDay : interval.Closes.Ticks;
            if (close <= open)
                throw new ArgumentException($"{Describe(interval)} is empty: it must close after it opens.", nameof(hours));
            byDay[(int)interval.Day].Add((open, close));
        }

        var week = new long[7][];
        for (var d = 0; d < 7; d++)
        {
            var intervals = byDay[d];
            intervals.Sort();
            var pairs = new List<long>(intervals.Count * 2);
            for (var i = 0; i < intervals.Count; i++)
            {
                if (i > 0 && intervals[i].Open < intervals[i - 1].Close)
                    throw new ArgumentException(
                        $"Opening hours overlap on {(DayOfWeek)d}: {Format(intervals[i - 1])} and {Format(intervals[i])}.", nameof(hours));
                // Touching intervals (09:00–12:00, 12:00–17:00) become one.
                if (pairs.Count > 0 && pairs[^1] == intervals[i].Open)
                    pairs[^1] = intervals[i].Close;
                else
                    pairs.AddRange([intervals[i].Open, intervals[i].Close]);
            }
            week[d] = [.. pairs];
        }
        return week;
    }

    private static string Describe(BusinessHours interval) =>
        $"The interval {interval.Opens:HH:mm}–{interval.Closes:HH:mm} on {interval.Day}";

    private static string Format((long Open, long Close) interval) =>
        $"{new TimeOnly(interval.Open):HH:mm}–{(interval.Close == TicksPerDay ? "24:00" : $"{new TimeOnly(interval.Close):HH:mm}")}";

    private static ArgumentOutOfRangeException TooFar(string parameter) =>
        new(parameter, "The result would be later than the latest representable date.");

    /// <summary>
    /// A day number safely around the local date of an instant: with <paramref name="days"/> = -3, at least one
    /// day before it; with +3, at least one day after. Cheaper than looking up the offset in force: that offset
    /// and the base offset differ by well under two days, so the dates they give differ by at most two.
    /// </summary>
    private int AroundLocalDay(long utcTicks, int days) =>
        (int)Math.Clamp((utcTicks + _zone.BaseUtcOffset.Ticks) / TicksPerDay + days, 0, LastDay);

    private Day GetDay(int dayNumber)
    {
        var slot = dayNumber & (CacheSize - 1);
        var day = _days[slot];
        if (day is null || day.Number != dayNumber)
        {
            day = new Day(dayNumber, Windows(dayNumber));
            _days[slot] = day;
        }
        return day;
    }

    /// <summary>The day's opening intervals as UTC ticks (open, close pairs); none on a holiday.</summary>
    private long[] Windows(int dayNumber)
    {
        // Day number 0 (1 January 0001) was a Monday.
        var local = _weekly[(dayNumber + 1) % 7];
        if (local.Length == 0 || _holidays.Contains(dayNumber))
            return [];

        var midnight = dayNumber * TicksPerDay;
        var windows = new List<long>(local.Length);
        for (var i = 0; i < local.Length; i += 2)
        {
            var open = ToUtc(midnight + local[i]);
            var close = ToUtc(midnight + local[i + 1]);
            // A window that falls entirely inside a skipped hour has no length.
            if (close > open)
                windows.AddRange([open, close]);
        }
        return [.. windows];
    }

    private long Offset(long utcTicks) =>
        _fixedOffset
            ? _zone.BaseUtcOffset.Ticks
            : _zone.GetUtcOffset(new DateTime(Math.Clamp(utcTicks, 0, MaxTicks), DateTimeKind.Utc)).Ticks;

    /// <summary>
    /// Converts local ticks to UTC ticks: a skipped local time maps to the end of the gap, a repeated one to
    /// its first occurrence. Assumes at most one offset change within a day either side, as in every real zone.
    /// </summary>
    private long ToUtc(long local)
    {
        if (_fixedOffset)
            return Math.Clamp(local - _zone.BaseUtcOffset.Ticks, 0, MaxTicks);

        // Offsets a day either side bracket every candidate, since offsets stay within ±14 hours.
        var before = Offset(local - TicksPerDay);
        var after = Offset(local + TicksPerDay);
        var early = local - before;
        var late = local - after;
        var earlyValid = Offset(early) == before;
        if (before == after && earlyValid)
            return Math.Clamp(early, 0, MaxTicks);

        var lateValid = Offset(late) == after;
        if (earlyValid && lateValid)
            return Math.Clamp(Math.Min(early, late), 0, MaxTicks); // repeated: the first occurrence
        if (earlyValid)
            return Math.Clamp(early, 0, MaxTicks);
        if (lateValid)
            return Math.Clamp(late, 0, MaxTicks);

        // Skipped: the clocks jumped forward between 'late' (still the old offset) and 'early' (already the
        // new one). The answer is the instant of the jump, found by bisection.
        var low = Math.Min(early, late);
        var high = Math.Max(early, late);
        while (high - low > 1)
        {
            var middle = low + (high - low) / 2;
            if (Offset(middle) == before)
                low = middle;
            else
                high = middle;
        }
        return Math.Clamp(high, 0, MaxTicks);
    }

    private sealed class Day(int number, long[] windows)
    {
        public int Number { get; } = number;
        public long[] Windows { get; } = windows;
    }
}
