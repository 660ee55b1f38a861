using System.Text.Json;

namespace CustomerPlatform.Ticketing.Tests;

public sealed class When_the_sla_clock_runs
{
    // June 2025 in Paris (UTC+2): Monday the 2nd to Friday the 6th; Monday the 9th is Whit Monday, a holiday.
    private static readonly BusinessCalendar Office = new(
        "Europe/Paris",
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(day => new BusinessHours(day, new TimeOnly(9, 0), new TimeOnly(17, 0)))],
        [new DateOnly(2025, 6, 9)]);

    private static readonly SlaPolicy Standard = Policy();

    [Fact]
    public void Should_make_the_first_response_due_in_business_hours()
    {
        var clock = new SlaClock();

        // Friday 15:00: two hours on Friday, none at the weekend or on the holiday, two on Tuesday.
        var timers = clock.Start(TicketPriorities.Normal, Paris(6, 15), Standard);

        var first = clock.FirstResponse!;
        Assert.Equal((Paris(10, 11), Paris(10, 10)), (first.DueAt, first.WarnAt));
        var resolution = clock.Resolution!;
        Assert.Equal((Paris(11, 15), Paris(11, 11)), (resolution.DueAt, resolution.WarnAt));
        Assert.Equal(
            [
                new SlaTimer(SlaMetrics.FirstResponse, first.Version, Paris(10, 10), Paris(10, 11)),
                new SlaTimer(SlaMetrics.Resolution, resolution.Version, Paris(11, 11), Paris(11, 15)),
            ],
            timers);
        Assert.Null(clock.NextResponse);
        Assert.Equal(Paris(10, 11), clock.NextDueAt);
        Assert.Equal(
            [SlaStatuses.Active, SlaStatuses.Warning, SlaStatuses.Breached],
            new[] { Paris(10, 9, 59), Paris(10, 10), Paris(10, 11) }.Select(first.Status));
    }

    [Theory]
    [InlineData(59, SlaStatuses.Achieved)]
    [InlineData(60, SlaStatuses.Missed)] // the target is reached at the due time itself
    [InlineData(90, SlaStatuses.Missed)]
    public void Should_judge_the_first_response_by_when_staff_reply(int minutesAfterTen, string expected)
    {
        var clock = Started(Paris(6, 15));
        var repliedAt = Paris(10, 10).AddMinutes(minutesAfterTen);

        var timers = clock.StaffReply(repliedAt, Standard);

        var first = clock.FirstResponse!;
        Assert.Equal(expected, first.Status(Paris(20, 12)));
        Assert.Equal((repliedAt, (DateTimeOffset?)null), (first.FulfilledAt, first.RunningSince));
        Assert.Equal(TimeSpan.FromMinutes(180 + minutesAfterTen), first.Elapsed);
        Assert.Equal(expected == SlaStatuses.Missed ? Paris(10, 11) : null, first.BreachedAt);
        Assert.Equal([new SlaTimer(SlaMetrics.FirstResponse, first.Version, null, null)], timers);
        Assert.Equal(clock.Resolution!.DueAt, clock.NextDueAt);
        Assert.False(clock.IsBreached); // a missed response is over; no target still to meet is breached
    }

    [Fact]
    public void Should_start_next_response_only_when_the_customer_writes_after_a_staff_reply()
    {
        var clock = Started(Paris(2, 9));

        Assert.Empty(clock.CustomerMessage(Paris(2, 9, 30), TicketStatuses.Open, Standard));
        Assert.Null(clock.NextResponse);
        clock.StaffReply(Paris(2, 10), Standard);
        Assert.Null(clock.NextResponse);

        var timers = clock.CustomerMessage(Paris(2, 11), TicketStatuses.Open, Standard);

        var next = clock.NextResponse!;
        Assert.Equal((Paris(2, 11), TimeSpan.Zero, Paris(2, 13), Paris(2, 12, 30)), (next.StartedAt, next.Elapsed, next.DueAt, next.WarnAt));
        Assert.Equal([new SlaTimer(SlaMetrics.NextResponse, next.Version, Paris(2, 12, 30), Paris(2, 13))], timers);

        // The customer writing again does not restart the wait.
        Assert.Empty(clock.CustomerMessage(Paris(2, 11, 30), TicketStatuses.Open, Standard));
        Assert.Equal(Paris(2, 11), clock.NextResponse!.StartedAt);

        clock.StaffReply(Paris(2, 12), Standard);
        Assert.Equal((Paris(2, 12), SlaStatuses.Achieved), (next.FulfilledAt, next.Status(Paris(2, 12))));

        // The next round replaces the finished one, with a new version.
        clock.CustomerMessage(Paris(2, 14), TicketStatuses.Open, Standard);
        var round = clock.NextResponse!;
        Assert.Equal((Paris(2, 14), Paris(2, 16), (DateTimeOffset?)null), (round.StartedAt, round.DueAt, round.FulfilledAt));
        Assert.True(round.Version > next.Version);
    }

    [Fact]
    public void Should_pause_every_running_metric_while_pending_and_push_due_times_back_by_the_paused_business_time()
    {
        var clock = Started(Paris(2, 9));
        clock.StaffReply(Paris(2, 10), Standard);
        clock.CustomerMessage(Paris(2, 11), TicketStatuses.Open, Standard);
        var (next, resolution) = (clock.NextResponse!, clock.Resolution!);
        var (nextDue, resolutionDue) = (next.DueAt!.Value, resolution.DueAt!.Value);
        Assert.Equal((Paris(2, 13), Paris(3, 17)), (nextDue, resolutionDue));

        var paused = clock.StatusChanged(TicketStatuses.Pending, Paris(2, 12), Standard);

        Assert.Equal(
            [new SlaTimer(SlaMetrics.NextResponse, next.Version, null, null), new SlaTimer(SlaMetrics.Resolution, resolution.Version, null, null)],
            paused);
        Assert.All([next, resolution], m => Assert.Equal((null, null, null, SlaStatuses.Paused), (m.RunningSince, m.DueAt, m.WarnAt, m.Status(Paris(20, 12)))));
        Assert.Equal((TimeSpan.FromHours(1), TimeSpan.FromHours(3)), (next.Elapsed, resolution.Elapsed));
        Assert.Null(clock.NextDueAt);

        // Paused from Monday 12:00 to Tuesday 10:00: six business hours.
        clock.StatusChanged(TicketStatuses.Open, Paris(3, 10), Standard);

        Assert.Equal((Paris(3, 11), Paris(4, 15)), (next.DueAt, resolution.DueAt));
        var pausedTime = Office.Elapsed(Paris(2, 12), Paris(3, 10));
        Assert.Equal(TimeSpan.FromHours(6), pausedTime);
        Assert.Equal(pausedTime, Office.Elapsed(nextDue, next.DueAt!.Value));
        Assert.Equal(pausedTime, Office.Elapsed(resolutionDue, resolution.DueAt!.Value));
        Assert.Equal((TimeSpan.FromHours(1), Paris(3, 10)), (next.Elapsed, next.RunningSince));
        Assert.Equal(Paris(3, 11), clock.NextDueAt);
    }

    [Fact]
    public void Should_pause_the_first_response_while_pending()
    {
        var clock = Started(Paris(2, 9));

        clock.StatusChanged(TicketStatuses.Pending, Paris(2, 10), Standard);
        Assert.Equal((TimeSpan.FromHours(1), null), (clock.FirstResponse!.Elapsed, clock.FirstResponse.DueAt));

        clock.CustomerMessage(Paris(3, 9), TicketStatuses.Open, Standard);
        Assert.Equal(Paris(3, 12), clock.FirstResponse.DueAt);
        Assert.Null(clock.NextResponse); // nobody has replied yet
    }

    [Fact]
    public void Should_keep_running_while_on_hold()
    {
        var clock = Started(Paris(2, 9));
        var version = clock.FirstResponse!.Version;

        Assert.Empty(clock.StatusChanged(TicketStatuses.OnHold, Paris(2, 10), Standard));

        var first = clock.FirstResponse;
        Assert.Equal((Paris(2, 13), Paris(2, 9), version), (first.DueAt, first.RunningSince, first.Version));
        Assert.Equal(SlaStatuses.Breached, first.Status(Paris(2, 13)));
    }

    [Fact]
    public void Should_fulfil_resolution_when_solved_and_resume_it_with_the_elapsed_time_kept_when_reopened()
    {
        var clock = Started(Paris(2, 9));
        clock.StaffReply(Paris(2, 10), Standard);

        var solved = clock.StatusChanged(TicketStatuses.Solved, Paris(2, 12), Standard);

        var resolution = clock.Resolution!;
        Assert.Equal([new SlaTimer(SlaMetrics.Resolution, resolution.Version, null, null)], solved);
        Assert.Equal((Paris(2, 12), TimeSpan.FromHours(3), SlaStatuses.Achieved), (resolution.FulfilledAt, resolution.Elapsed, resolution.Status(Paris(2, 12))));

        // Wednesday 09:00, 13 hours left: 8 on Wednesday and 5 on Thursday.
        clock.CustomerMessage(Paris(4, 9), TicketStatuses.Open, Standard);

        Assert.Equal((null, TimeSpan.FromHours(3), Paris(4, 9), Paris(5, 14)), (resolution.FulfilledAt, resolution.Elapsed, resolution.RunningSince, resolution.DueAt));
        Assert.Equal(SlaStatuses.Active, resolution.Status(Paris(4, 9)));
        Assert.Equal(Paris(4, 11), clock.NextResponse!.DueAt);
    }

    [Fact]
    public void Should_pause_response_metrics_when_solved_without_fulfilling_them()
    {
        var clock = Started(Paris(2, 9));

        clock.StatusChanged(TicketStatuses.Solved, Paris(2, 10), Standard);

        var first = clock.FirstResponse!;
        Assert.Equal((null, null, TimeSpan.FromHours(1), SlaStatuses.Paused), (first.FulfilledAt, first.DueAt, first.Elapsed, first.Status(Paris(2, 10))));
        Assert.Equal(Paris(2, 10), clock.Resolution!.FulfilledAt);

        clock.CustomerMessage(Paris(3, 9), TicketStatuses.Open, Standard);
        Assert.Equal(Paris(3, 12), first.DueAt);
    }

    [Fact]
    public void Should_recompute_due_times_with_the_new_priority_keeping_elapsed_time()
    {
        var clock = Started(Paris(2, 9));
        var (first, resolution) = (clock.FirstResponse!, clock.Resolution!);
        var (firstVersion, resolutionVersion) = (first.Version, resolution.Version);

        var raised = clock.PriorityChanged(TicketPriorities.High, Paris(2, 10), Standard);

        Assert.Equal((TimeSpan.FromHours(2), TimeSpan.FromHours(1), Paris(2, 11), Paris(2, 10, 30)), (first.Target, first.Elapsed, first.DueAt, first.WarnAt));
        Assert.Equal((Paris(3, 13), Paris(3, 10)), (resolution.DueAt, resolution.WarnAt));
        Assert.Equal(
            [
                new SlaTimer(SlaMetrics.FirstResponse, first.Version, Paris(2, 10, 30), Paris(2, 11)),
                new SlaTimer(SlaMetrics.Resolution, resolution.Version, Paris(3, 10), Paris(3, 13)),
            ],
            raised);
        Assert.True(first.Version > firstVersion && resolution.Version > resolutionVersion);

        // An hour and a half already counts more than urgent's hour: due now, to breach at once.
        var urgent = clock.PriorityChanged(TicketPriorities.Urgent, Paris(2, 10, 30), Standard);

        Assert.Contains(new SlaTimer(SlaMetrics.FirstResponse, first.Version, null, Paris(2, 10, 30)), urgent);
        Assert.Equal(SlaStatuses.Breached, first.Status(Paris(2, 10, 30)));
        Assert.True(clock.MarkBreached(SlaMetrics.FirstResponse, first.Version, Paris(2, 10, 30)));
        Assert.True(clock.IsBreached);

        // Back to normal: four hours, not reached yet, so no longer breached, and due when it first was.
        clock.PriorityChanged(TicketPriorities.Normal, Paris(2, 10, 45), Standard);

        Assert.Equal((Paris(2, 13), null, SlaStatuses.Active), (first.DueAt, first.BreachedAt, first.Status(Paris(2, 10, 45))));
        Assert.False(clock.IsBreached);
    }

    [Theory]
    [InlineData(0.75, "2025-06-10T10:00+02:00")] // three hours: two on Friday, one on Tuesday
    [InlineData(0.5, "2025-06-06T17:00+02:00")] // two hours: met exactly at Friday's closing
    public void Should_warn_when_the_given_share_of_the_target_has_elapsed(double warningAt, string expected)
    {
        var clock = new SlaClock();

        var timers = clock.Start(TicketPriorities.Normal, Paris(6, 15), Policy(warningAt));

        var warnAt = DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(warnAt, clock.FirstResponse!.WarnAt);
        Assert.Equal(warnAt, timers[0].WarnAt);
        Assert.Equal(SlaStatuses.Active, clock.FirstResponse.Status(warnAt.AddTicks(-1)));
        Assert.Equal(SlaStatuses.Warning, clock.FirstResponse.Status(warnAt));
    }

    [Fact]
    public void Should_schedule_no_warning_when_it_would_come_with_the_breach()
    {
        var clock = new SlaClock();

        var timers = clock.Start(TicketPriorities.Normal, Paris(2, 9), Policy(1));

        Assert.Equal(new SlaTimer(SlaMetrics.FirstResponse, clock.FirstResponse!.Version, null, Paris(2, 13)), timers[0]);
    }

    [Fact]
    public void Should_ignore_a_stale_or_repeated_warning_or_breach()
    {
        var clock = new SlaClock();
        var stale = clock.Start(TicketPriorities.Normal, Paris(2, 9), Standard)[0].Version;
        var current = clock.PriorityChanged(TicketPriorities.High, Paris(2, 9, 30), Standard)[0].Version;
        var first = clock.FirstResponse!;

        Assert.False(clock.MarkWarned(SlaMetrics.FirstResponse, stale, Paris(2, 10, 30)));
        Assert.False(clock.MarkBreached(SlaMetrics.FirstResponse, stale, Paris(2, 11)));
        Assert.False(clock.MarkWarned("no-such-metric", current, Paris(2, 10, 30)));
        Assert.Equal((null, null), (first.WarnedAt, first.BreachedAt));

        Assert.True(clock.MarkWarned(SlaMetrics.FirstResponse, current, Paris(2, 10, 30)));
        Assert.False(clock.MarkWarned(SlaMetrics.FirstResponse, current, Paris(2, 10, 31)));
        Assert.True(clock.MarkBreached(SlaMetrics.FirstResponse, current, Paris(2, 11, 2)));
        Assert.False(clock.MarkBreached(SlaMetrics.FirstResponse, current, Paris(2, 11, 3)));
        Assert.Equal((Paris(2, 10, 30), Paris(2, 11)), (first.WarnedAt, first.BreachedAt)); // the breach when it happened
        Assert.True(clock.IsBreached);

        // A paused metric takes no message, even of its current version.
        clock.StatusChanged(TicketStatuses.Pending, Paris(2, 12), Standard);
        var resolution = clock.Resolution!;
        Assert.False(clock.MarkWarned(SlaMetrics.Resolution, resolution.Version, Paris(3, 10)));
        Assert.False(clock.MarkBreached(SlaMetrics.Resolution, resolution.Version, Paris(3, 13)));
    }

    [Fact]
    public void Should_record_a_breach_noticed_when_a_metric_pauses()
    {
        var clock = Started(Paris(2, 9));

        clock.StatusChanged(TicketStatuses.Pending, Paris(2, 14), Standard);

        Assert.Equal((Paris(2, 13), SlaStatuses.Breached), (clock.FirstResponse!.BreachedAt, clock.FirstResponse.Status(Paris(2, 14))));
        Assert.True(clock.IsBreached);
    }

    [Fact]
    public void Should_keep_everything_through_a_json_round_trip()
    {
        var clock = Started(Paris(2, 9));
        clock.StaffReply(Paris(2, 10), Standard);
        clock.CustomerMessage(Paris(2, 11), TicketStatuses.Open, Standard);
        clock.MarkWarned(SlaMetrics.NextResponse, clock.NextResponse!.Version, Paris(2, 12, 30));
        clock.StatusChanged(TicketStatuses.Pending, Paris(2, 15), Standard);

        var json = JsonSerializer.Serialize(clock);
        var copy = JsonSerializer.Deserialize<SlaClock>(json)!;

        Assert.Equal(json, JsonSerializer.Serialize(copy));
        Assert.DoesNotContain("NextDueAt", json);
        Assert.Equal(
            (clock.NextResponse.Elapsed, clock.NextResponse.BreachedAt, clock.NextResponse.WarnedAt, clock.LastVersion, clock.AwaitingReplySince),
            (copy.NextResponse!.Elapsed, copy.NextResponse.BreachedAt, copy.NextResponse.WarnedAt, copy.LastVersion, copy.AwaitingReplySince));

        // Both go on the same way.
        Assert.Equal(
            clock.StatusChanged(TicketStatuses.Open, Paris(3, 9), Standard),
            copy.StatusChanged(TicketStatuses.Open, Paris(3, 9), Standard));
        Assert.Equal(JsonSerializer.Serialize(clock), JsonSerializer.Serialize(copy));
    }

    [Fact]
    public void Should_measure_no_metric_without_a_target()
    {
        var clock = new SlaClock();

        var timers = clock.Start(TicketPriorities.Low, Paris(2, 9), Standard);
        clock.StaffReply(Paris(2, 10), Standard);
        var written = clock.CustomerMessage(Paris(2, 11), TicketStatuses.Open, Standard);

        Assert.Equal([SlaMetrics.FirstResponse], timers.Select(t => t.Metric));
        Assert.Equal((null, null), (clock.NextResponse, clock.Resolution));
        Assert.Empty(written);

        var unknown = new SlaClock();
        Assert.Empty(unknown.Start("whatever", Paris(2, 9), Standard));
        Assert.Empty(unknown.Metrics);
        Assert.Null(unknown.NextDueAt);
    }

    [Fact]
    public void Should_start_a_metric_that_gains_a_target_with_the_time_already_waited_and_drop_one_that_loses_it()
    {
        var clock = Started(Paris(2, 9), TicketPriorities.Low);
        clock.StaffReply(Paris(2, 10), Standard);
        clock.CustomerMessage(Paris(2, 11), TicketStatuses.Open, Standard);

        clock.PriorityChanged(TicketPriorities.Normal, Paris(2, 12), Standard);

        var (next, resolution) = (clock.NextResponse!, clock.Resolution!);
        Assert.Equal((Paris(2, 11), TimeSpan.FromHours(1), Paris(2, 13)), (next.StartedAt, next.Elapsed, next.DueAt));
        Assert.Equal((Paris(2, 9), TimeSpan.FromHours(3), Paris(3, 17)), (resolution.StartedAt, resolution.Elapsed, resolution.DueAt));

        var lowered = clock.PriorityChanged(TicketPriorities.Low, Paris(2, 12, 30), Standard);

        Assert.Equal((null, null), (clock.NextResponse, clock.Resolution));
        Assert.Equal(
            [new SlaTimer(SlaMetrics.NextResponse, next.Version, null, null), new SlaTimer(SlaMetrics.Resolution, resolution.Version, null, null)],
            lowered);
        Assert.Equal(SlaStatuses.Achieved, clock.FirstResponse!.Status(Paris(2, 12, 30))); // kept as measured
    }

    [Fact]
    public void Should_refuse_to_run_before_it_starts_or_to_start_twice()
    {
        var clock = new SlaClock();

        Assert.Throws<InvalidOperationException>(() => clock.StaffReply(Paris(2, 10), Standard));
        clock.Start(TicketPriorities.Normal, Paris(2, 9), Standard);
        Assert.Throws<InvalidOperationException>(() => clock.Start(TicketPriorities.Normal, Paris(2, 9), Standard));
    }

    private static SlaClock Started(DateTimeOffset createdAt, string priority = TicketPriorities.Normal)
    {
        var clock = new SlaClock();
        clock.Start(priority, createdAt, Standard);
        return clock;
    }

    private static SlaPolicy Policy(double warningAt = 0.75) => new(
        "Standard",
        Office,
        new Dictionary<string, SlaTargets>
        {
            [TicketPriorities.Low] = new(Hours(8), null, null),
            [TicketPriorities.Normal] = new(Hours(4), Hours(2), Hours(16)),
            [TicketPriorities.High] = new(Hours(2), Hours(1), Hours(12)),
            [TicketPriorities.Urgent] = new(Hours(1), Hours(0.5), Hours(8)),
        },
        warningAt);

    private static TimeSpan Hours(double hours) => TimeSpan.FromHours(hours);

    /// <summary>A Paris wall-clock time in June 2025 (summer time, UTC+2).</summary>
    private static DateTimeOffset Paris(int day, int hour, int minute = 0) =>
        new(2025, 6, day, hour, minute, 0, TimeSpan.FromHours(2));
}
