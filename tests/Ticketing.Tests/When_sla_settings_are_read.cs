namespace CustomerPlatform.Ticketing.Tests;

public sealed class When_sla_settings_are_read
{
    [Fact]
    public void Should_count_targets_in_the_configured_hours_and_skip_the_holidays()
    {
        var options = new SlaOptions
        {
            TimeZone = "Europe/Paris",
            Hours = new() { ["Monday"] = "09:00-12:00, 13:00-17:00", ["Tuesday"] = "09:00-17:00", ["Wednesday"] = "09:00-17:00" },
            Holidays = [new DateOnly(2026, 12, 8)],
        };

        var policy = options.ToPolicy();

        // Monday 7 December 2026, 16:00 in Paris (15:00 UTC): one hour left on Monday, Tuesday is a holiday,
        // so a 4-hour target falls due on Wednesday at 12:00 in Paris (11:00 UTC).
        var due = policy.Calendar.Add(new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero), policy.For(TicketPriorities.High)!.FirstResponse!.Value);
        Assert.Equal(new DateTimeOffset(2026, 12, 9, 11, 0, 0, TimeSpan.Zero), due);
        Assert.Equal(TimeSpan.FromHours(1), policy.For(TicketPriorities.Urgent)!.FirstResponse);
    }

    [Fact]
    public void Should_read_a_whole_day_as_midnight_to_midnight()
    {
        var policy = new SlaOptions { Hours = new() { ["Sunday"] = "00:00-24:00" } }.ToPolicy();

        var sunday = new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromHours(24), policy.Calendar.Elapsed(sunday, sunday.AddDays(7)));
    }

    [Theory]
    [InlineData("Funday", "09:00-17:00", "'Funday' is not a day of the week")]
    [InlineData("Monday", "9 to 5", "'9 to 5' is not a range")]
    [InlineData("Monday", "09:00-25:00", "'09:00-25:00' is not a range")]
    public void Should_name_the_setting_that_is_wrong(string day, string hours, string expected)
    {
        var options = new SlaOptions { Hours = new() { [day] = hours } };

        var error = Assert.Throws<InvalidOperationException>(options.ToPolicy);

        Assert.Contains(expected, error.Message);
        Assert.Contains(SlaOptions.Section, error.Message);
    }
}
