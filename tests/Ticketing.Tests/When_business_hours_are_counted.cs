using System.Globalization;

namespace CustomerPlatform.Ticketing.Tests;

public sealed class When_business_hours_are_counted
{
    // June 2025: Monday the 2nd to Friday the 6th, then Monday the 9th.
    private static readonly BusinessCalendar Office = new("UTC", Weekdays((9, 17)));

    [Fact]
    public void Should_finish_within_the_same_day()
    {
        Assert.Equal(Utc(2025, 6, 2, 14), Office.Add(Utc(2025, 6, 2, 10), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void Should_stop_at_the_closing_time_when_the_target_is_met_there()
    {
        Assert.Equal(Utc(2025, 6, 2, 17), Office.Add(Utc(2025, 6, 2, 13), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void Should_carry_past_the_closing_into_the_next_morning()
    {
        Assert.Equal(Utc(2025, 6, 3, 11), Office.Add(Utc(2025, 6, 2, 15), TimeSpan.FromHours(4)));
    }

    [Theory]
    [InlineData("2025-06-02T22:00Z", "2025-06-03T10:00Z")] // Monday night
    [InlineData("2025-06-03T05:00Z", "2025-06-03T10:00Z")] // before opening
    [InlineData("2025-06-07T12:00Z", "2025-06-09T10:00Z")] // Saturday
    [InlineData("2025-06-08T23:59Z", "2025-06-09T10:00Z")] // Sunday night
    public void Should_start_counting_at_the_next_opening(string start, string expected)
    {
        Assert.Equal(Parse(expected), Office.Add(Parse(start), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Should_skip_a_holiday()
    {
        var calendar = new BusinessCalendar("UTC", Weekdays((9, 17)), [new DateOnly(2025, 6, 3)]);

        Assert.Equal(Utc(2025, 6, 4, 10), calendar.Add(Utc(2025, 6, 2, 16), TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromHours(2), calendar.Elapsed(Utc(2025, 6, 2, 16), Utc(2025, 6, 4, 10)));
    }

    [Fact]
    public void Should_skip_the_lunch_break()
    {
        var calendar = new BusinessCalendar("UTC", Weekdays((9, 12), (13, 17)));

        Assert.Equal(Utc(2025, 6, 2, 14), calendar.Add(Utc(2025, 6, 2, 11), TimeSpan.FromHours(2)));
        Assert.Equal(Utc(2025, 6, 2, 12), calendar.Add(Utc(2025, 6, 2, 11), TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.FromHours(4), calendar.Elapsed(Utc(2025, 6, 2, 10), Utc(2025, 6, 2, 15)));
    }

    [Fact]
    public void Should_carry_from_Friday_evening_to_Monday()
    {
        var friday = Utc(2025, 6, 6, 16, 30);
        var monday = Utc(2025, 6, 9, 9, 30);

        Assert.Equal(monday, Office.Add(friday, TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.FromHours(1), Office.Elapsed(friday, monday));
    }

    [Fact]
    public void Should_count_in_the_calendars_time_zone()
    {
        var newYork = new BusinessCalendar("America/New_York", Weekdays((9, 17)));

        // Summer (UTC-4): Monday 16:00 plus 2 hours is Tuesday 10:00.
        Assert.Equal(Utc(2025, 6, 3, 14), newYork.Add(Utc(2025, 6, 2, 20), TimeSpan.FromHours(2)));
        // 08:00 local is before opening.
        Assert.Equal(Utc(2025, 6, 2, 14), newYork.Add(Utc(2025, 6, 2, 12), TimeSpan.FromHours(1)));
        // Winter (UTC-5): Friday 16:00 plus 3 hours is Monday 11:00.
        Assert.Equal(Utc(2025, 1, 13, 16), newYork.Add(Utc(2025, 1, 10, 21), TimeSpan.FromHours(3)));
    }

    [Fact]
    public void Should_return_the_instant_in_UTC()
    {
        var start = new DateTimeOffset(2025, 6, 2, 12, 0, 0, TimeSpan.FromHours(2));

        var end = Office.Add(start, TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.Zero, end.Offset);
        Assert.Equal(Utc(2025, 6, 2, 11), end);
    }

    [Fact]
    public void Should_count_real_time_across_the_spring_forward_change()
    {
        // Europe/Paris, Sunday 30 March 2025: 02:00 CET becomes 03:00 CEST at 01:00 UTC.
        var alwaysOpen = new BusinessCalendar("Europe/Paris", AllWeek());
        Assert.Equal(TimeSpan.FromHours(23), alwaysOpen.Elapsed(Utc(2025, 3, 29, 23), Utc(2025, 3, 30, 22)));
        Assert.Equal(Utc(2025, 3, 30, 23), alwaysOpen.Add(Utc(2025, 3, 29, 23), TimeSpan.FromHours(24)));

        // 01:00 CET to 05:00 CEST is three real hours.
        var sunday = new BusinessCalendar("Europe/Paris", [new(DayOfWeek.Sunday, new(1, 0), new(5, 0))]);
        Assert.Equal(TimeSpan.FromHours(3), sunday.Elapsed(Utc(2025, 3, 29, 0), Utc(2025, 3, 31, 0)));
        Assert.Equal(Utc(2025, 3, 30, 2), sunday.Add(Utc(2025, 3, 29, 12), TimeSpan.FromHours(2)));

        // Friday 16:00 CET plus 2 hours is Monday 10:00 CEST.
        var office = new BusinessCalendar("Europe/Paris", Weekdays((9, 17)));
        Assert.Equal(Utc(2025, 3, 31, 8), office.Add(Utc(2025, 3, 28, 15), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Should_open_when_the_clocks_jump_if_the_opening_time_is_skipped()
    {
        // 02:30 does not exist on 30 March 2025 in Paris: the desk opens at 03:00 CEST (01:00 UTC).
        var sunday = new BusinessCalendar("Europe/Paris", [new(DayOfWeek.Sunday, new(2, 30), new(4, 0))]);

        Assert.Equal(TimeSpan.FromHours(1), sunday.Elapsed(Utc(2025, 3, 29, 0), Utc(2025, 3, 31, 0)));
        Assert.Equal(Utc(2025, 3, 30, 1, 30), sunday.Add(Utc(2025, 3, 29, 12), TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void Should_count_real_time_across_the_fall_back_change()
    {
        // Europe/Paris, Sunday 26 October 2025: 03:00 CEST becomes 02:00 CET at 01:00 UTC.
        var alwaysOpen = new BusinessCalendar("Europe/Paris", AllWeek());
        Assert.Equal(TimeSpan.FromHours(25), alwaysOpen.Elapsed(Utc(2025, 10, 25, 22), Utc(2025, 10, 26, 23)));

        // 01:00 CEST to 05:00 CET is five real hours.
        var sunday = new BusinessCalendar("Europe/Paris", [new(DayOfWeek.Sunday, new(1, 0), new(5, 0))]);
        Assert.Equal(TimeSpan.FromHours(5), sunday.Elapsed(Utc(2025, 10, 25, 0), Utc(2025, 10, 27, 0)));
        Assert.Equal(Utc(2025, 10, 26, 3, 30), sunday.Add(Utc(2025, 10, 25, 12), TimeSpan.FromHours(4.5)));

        // Friday 16:00 CEST plus 2 hours is Monday 10:00 CET.
        var office = new BusinessCalendar("Europe/Paris", Weekdays((9, 17)));
        Assert.Equal(Utc(2025, 10, 27, 9), office.Add(Utc(2025, 10, 24, 14), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Should_open_at_the_first_occurrence_of_a_repeated_opening_time()
    {
        // 02:30 happens twice on 26 October 2025 in Paris; the desk opens at 02:30 CEST (00:30 UTC)
        // and closes at 03:30 CET (02:30 UTC).
        var sunday = new BusinessCalendar("Europe/Paris", [new(DayOfWeek.Sunday, new(2, 30), new(3, 30))]);

        Assert.Equal(TimeSpan.FromHours(2), sunday.Elapsed(Utc(2025, 10, 25, 0), Utc(2025, 10, 27, 0)));
        Assert.Equal(Utc(2025, 10, 26, 1), sunday.Add(Utc(2025, 10, 25, 12), TimeSpan.FromMinutes(30)));
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Europe/Paris")]
    [InlineData("America/New_York")]
    [InlineData("Australia/Sydney")]
    [InlineData("Asia/Kolkata")]
    public void Should_make_Elapsed_mirror_Add(string timeZoneId)
    {
        BusinessHours[] hours =
        [
            .. Weekdays((8, 12), (12, 12.5), (13.5, 18)),
            new(DayOfWeek.Saturday, new(22, 0), TimeOnly.MinValue),
            new(DayOfWeek.Sunday, TimeOnly.MinValue, new(2, 30)),
        ];
        DateOnly[] holidays = [new(2025, 5, 1), new(2025, 5, 8), new(2025, 12, 25), new(2026, 1, 1), new(2026, 3, 29)];
        var calendar = new BusinessCalendar(timeZoneId, hours, holidays);
        var random = new Random(20250602);
        var origin = Utc(2025, 1, 1, 0);

        for (var i = 0; i < 5_000; i++)
        {
            var start = origin.AddTicks(random.NextInt64(TimeSpan.FromDays(730).Ticks));
            var duration = TimeSpan.FromTicks(random.NextInt64(TimeSpan.FromHours(120).Ticks));

            var end = calendar.Add(start, duration);

            Assert.True(end >= start);
            Assert.Equal(TimeSpan.Zero, end.Offset);
            Assert.Equal(duration, calendar.Elapsed(start, end));

            var middle = start.AddTicks((end - start).Ticks / 2);
            Assert.Equal(duration, calendar.Elapsed(start, middle) + calendar.Elapsed(middle, end));

            // Add finds the earliest instant, so it never passes an instant with the same elapsed time.
            var later = start.AddTicks(random.NextInt64(TimeSpan.FromDays(20).Ticks));
            Assert.True(calendar.Add(start, calendar.Elapsed(start, later)) <= later);
        }
    }

    [Fact]
    public void Should_return_the_start_for_a_zero_duration()
    {
        var saturday = Utc(2025, 6, 7, 12);

        Assert.Equal(saturday, Office.Add(saturday, TimeSpan.Zero));
        Assert.Equal(saturday, new BusinessCalendar("UTC", []).Add(saturday, TimeSpan.Zero));
    }

    [Fact]
    public void Should_be_zero_when_the_end_is_not_after_the_start()
    {
        Assert.Equal(TimeSpan.Zero, Office.Elapsed(Utc(2025, 6, 2, 12), Utc(2025, 6, 2, 12)));
        Assert.Equal(TimeSpan.Zero, Office.Elapsed(Utc(2025, 6, 2, 12), Utc(2025, 6, 2, 10)));
    }

    [Fact]
    public void Should_reject_a_negative_duration()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Office.Add(Utc(2025, 6, 2, 12), TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void Should_refuse_to_count_on_a_calendar_without_business_hours()
    {
        var closed = new BusinessCalendar("Europe/Paris", []);

        var error = Assert.Throws<InvalidOperationException>(() => closed.Add(Utc(2025, 6, 2, 12), TimeSpan.FromHours(4)));
        Assert.Contains("no business hours", error.Message);
        Assert.Equal(TimeSpan.Zero, closed.Elapsed(Utc(2025, 6, 2, 12), Utc(2025, 6, 9, 12)));
    }

    [Fact]
    public void Should_reject_overlapping_intervals()
    {
        var error = Assert.Throws<ArgumentException>(() => new BusinessCalendar("UTC",
            [new(DayOfWeek.Monday, new(13, 0), new(17, 0)), new(DayOfWeek.Monday, new(9, 0), new(13, 30))]));

        Assert.Contains("overlap", error.Message);
        Assert.Contains("Monday", error.Message);
    }

    [Fact]
    public void Should_accept_touching_intervals()
    {
        var calendar = new BusinessCalendar("UTC", Weekdays((9, 12), (12, 17)));

        Assert.Equal(Utc(2025, 6, 2, 17), calendar.Add(Utc(2025, 6, 2, 9), TimeSpan.FromHours(8)));
    }

    [Theory]
    [InlineData(9, 9)]
    [InlineData(17, 9)]
    public void Should_reject_an_empty_interval(int opens, int closes)
    {
        var error = Assert.Throws<ArgumentException>(() => new BusinessCalendar("UTC",
            [new(DayOfWeek.Tuesday, new(opens, 0), new(closes, 0))]));

        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void Should_reject_an_unknown_time_zone()
    {
        var error = Assert.Throws<ArgumentException>(() => new BusinessCalendar("Mars/Olympus_Mons", Weekdays((9, 17))));

        Assert.Equal("timeZoneId", error.ParamName);
        Assert.Contains("Mars/Olympus_Mons", error.Message);
    }

    [Fact]
    public void Should_count_a_whole_day_when_closing_at_midnight()
    {
        var calendar = new BusinessCalendar("UTC",
            [new(DayOfWeek.Friday, new(22, 0), TimeOnly.MinValue), new(DayOfWeek.Saturday, TimeOnly.MinValue, TimeOnly.MinValue)]);

        Assert.Equal(TimeSpan.FromHours(26), calendar.Elapsed(Utc(2025, 6, 6, 0), Utc(2025, 6, 8, 0)));
        Assert.Equal(Utc(2025, 6, 7, 1), calendar.Add(Utc(2025, 6, 6, 23), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Should_add_plainly_when_always_open()
    {
        var start = new DateTimeOffset(2025, 3, 29, 18, 45, 0, TimeSpan.FromHours(-5));

        Assert.Equal(start.AddHours(100), BusinessCalendar.AlwaysOpen.Add(start, TimeSpan.FromHours(100)));
        Assert.Equal(start.AddDays(400), BusinessCalendar.AlwaysOpen.Add(start, TimeSpan.FromDays(400)));
        Assert.Equal(TimeSpan.FromHours(100), BusinessCalendar.AlwaysOpen.Elapsed(start, start.AddHours(100)));
    }

    [Fact]
    public void Should_count_a_multi_week_duration()
    {
        var monday = Utc(2025, 6, 2, 9);

        // Five weeks of 40 hours end on the fifth Friday at closing.
        Assert.Equal(Utc(2025, 7, 4, 17), Office.Add(monday, TimeSpan.FromHours(200)));
        // A holiday on the second Monday pushes the end to the next Monday.
        var withHoliday = new BusinessCalendar("UTC", Weekdays((9, 17)), [new DateOnly(2025, 6, 9)]);
        Assert.Equal(Utc(2025, 7, 7, 17), withHoliday.Add(monday, TimeSpan.FromHours(200)));
        // Fifty weeks.
        Assert.Equal(monday.AddDays(7 * 49 + 4).AddHours(8), Office.Add(monday, TimeSpan.FromHours(2_000)));
        Assert.Equal(TimeSpan.FromHours(2_000), Office.Elapsed(monday, monday.AddDays(7 * 49 + 4).AddHours(8)));
    }

    [Fact]
    public void Should_list_the_open_intervals_cut_to_the_range_and_joined_where_they_touch()
    {
        // A lunch break, a holiday on the Tuesday, a weekend; from Monday 10:00 to the next Monday 10:00.
        var calendar = new BusinessCalendar("Europe/Paris", Weekdays((9, 12), (13, 17)), [new DateOnly(2025, 6, 3)]);
        var from = Utc(2025, 6, 2, 8);
        var to = Utc(2025, 6, 9, 8);

        var intervals = calendar.OpenIntervals(from, to).ToList();

        Assert.Equal((Utc(2025, 6, 2, 8), Utc(2025, 6, 2, 10)), intervals[0]); // 10:00–12:00 Paris
        Assert.Equal((Utc(2025, 6, 4, 7), Utc(2025, 6, 4, 10)), intervals[2]); // Wednesday, after the holiday
        Assert.Equal((Utc(2025, 6, 9, 7), Utc(2025, 6, 9, 8)), intervals[^1]);
        Assert.Equal(2 + 3 * 2 + 1, intervals.Count); // Monday, Wednesday to Friday, Monday
        Assert.Equal(calendar.Elapsed(from, to), TimeSpan.FromTicks(intervals.Sum(i => (i.Closes - i.Opens).Ticks)));
        Assert.Equal([(Utc(2025, 6, 2, 8), Utc(2025, 6, 9, 8))], new BusinessCalendar("UTC", AllWeek()).OpenIntervals(from, to));
        Assert.Empty(calendar.OpenIntervals(to, from));
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);

    /// <summary>The same intervals Monday to Friday; hours may be fractional (12.5 is 12:30).</summary>
    private static BusinessHours[] Weekdays(params (double Opens, double Closes)[] intervals) =>
    [
        .. from day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
           from interval in intervals
           select new BusinessHours(day, TimeOnly.FromTimeSpan(TimeSpan.FromHours(interval.Opens)), TimeOnly.FromTimeSpan(TimeSpan.FromHours(interval.Closes))),
    ];

    private static BusinessHours[] AllWeek() =>
        [.. Enum.GetValues<DayOfWeek>().Select(day => new BusinessHours(day, TimeOnly.MinValue, TimeOnly.MinValue))];
}
