using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.Ticketing.Tests;

/// <summary>
/// The support desk's work reports over tickets written straight to the database with known moments, in a period of
/// their own in the past (the fixture's calendar is open around the clock; urgent targets are seconds).
/// </summary>
[Collection(TicketingCollection.Name)]
public sealed class When_support_is_reported(TicketingFixture fixture)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1), Minute = TimeSpan.FromMinutes(1), Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task Should_give_business_times_attainment_and_backlog_of_the_tickets_created_in_the_period()
    {
        var day = PastDay();
        var policy = fixture.Service.Services.GetRequiredService<SlaTracking>().Policy;
        var agent = Guid.NewGuid();
        // A: answered in 2 s (met), solved at 3 s. B: answered in 6 s (missed), solved a day later; its resolution
        // clock paused while it waited on the customer (met). C: never answered (both breached). D: normal, answered in
        // 30 min, asked again and answered 10 min later, solved at 2 h. Z: opened the day before, no clock, solved on day 2.
        var a = Worked(TicketPriorities.Urgent, TicketChannels.Email, day.AddMinutes(10), policy, true, (2 * Second, agent), (3 * Second, null));
        var b = Worked(TicketPriorities.Urgent, TicketChannels.Web, day.AddHours(1), policy, true, (6 * Second, agent), (24 * Hour, null));
        var c = Worked(TicketPriorities.Urgent, TicketChannels.Web, day.AddHours(2), policy, true);
        var d = Worked(TicketPriorities.Normal, TicketChannels.Chat, day.AddDays(1).AddMinutes(30), policy, true,
            (30 * Minute, agent), (40 * Minute, Guid.Empty), (50 * Minute, agent), (2 * Hour, null));
        var z = Worked(TicketPriorities.Low, TicketChannels.Web, day.AddHours(-12), policy, false, (39 * Hour, null));
        await fixture.ReadAsync(async db =>
        {
            db.Tickets.AddRange(a, b, c, d, z);
            return await db.SaveChangesAsync();
        });
        var staff = fixture.CreateClient(await fixture.AddStaffAsync("Rita Reports", Roles.Agent), Roles.Agent);
        var period = $"?from={day:yyyy-MM-dd}&to={day.AddDays(2):yyyy-MM-dd}";

        var times = (await staff.GetFromJsonAsync<SupportWorkReportsApi.TimesReport>("/api/support/reports/times" + period))!;
        Assert.Equal(4, times.Overall.Tickets);
        AssertFigures(times.Overall.FirstResponse, 3, median: 6, p90: 6 + 0.8 * 1794, average: (2 + 6 + 1800) / 3.0);
        AssertFigures(times.Overall.Resolution, 3, median: 7200, p90: 7200 + 0.8 * 79200, average: (3 + 86400 + 7200) / 3.0);
        var urgent = Assert.Single(times.ByPriority, g => g.Key == TicketPriorities.Urgent);
        Assert.Equal(3, urgent.Tickets);
        AssertFigures(urgent.FirstResponse, 2, median: 4, p90: 2 + 0.9 * 4, average: 4);
        Assert.Equal([TicketPriorities.Normal, TicketPriorities.Urgent], times.ByPriority.Select(g => g.Key));
        var web = Assert.Single(times.ByChannel, g => g.Key == TicketChannels.Web);
        Assert.Equal(2, web.Tickets);
        AssertFigures(web.FirstResponse, 1, median: 6, p90: 6, average: 6);
        Assert.Equal([DateOnly.FromDateTime(day.UtcDateTime), DateOnly.FromDateTime(day.UtcDateTime).AddDays(1)], times.OverTime.Select(t => t.Day));
        Assert.Equal([3, 1], times.OverTime.Select(t => t.Tickets));

        var sla = (await staff.GetFromJsonAsync<SupportWorkReportsApi.SlaReport>("/api/support/reports/sla" + period))!;
        Assert.Equal(new SupportWorkReportsApi.SlaAttainment(SlaMetrics.FirstResponse, null, 2, 2, 0, 0.5), sla.Overall[0]);
        Assert.Equal(new SupportWorkReportsApi.SlaAttainment(SlaMetrics.NextResponse, null, 1, 0, 0, 1), sla.Overall[1]);
        Assert.Equal(new SupportWorkReportsApi.SlaAttainment(SlaMetrics.Resolution, null, 3, 1, 0, 0.75), sla.Overall[2]);
        Assert.Contains(new SupportWorkReportsApi.SlaAttainment(SlaMetrics.FirstResponse, TicketPriorities.Urgent, 1, 2, 0, 0.3333), sla.ByPriority);
        Assert.Contains(new SupportWorkReportsApi.SlaAttainment(SlaMetrics.FirstResponse, TicketPriorities.Normal, 1, 0, 0, 1), sla.ByPriority);

        // Z was open when the period began and left it on day 2, with B and D; C is still open.
        var backlog = (await staff.GetFromJsonAsync<SupportWorkReportsApi.BacklogReport>("/api/support/reports/backlog" + period))!;
        Assert.Equal([3, 1, 1], backlog.OverTime.Select(o => o.Open));
        Assert.Equal([3, 1, 0], backlog.OverTime.Select(o => o.Created));
        Assert.Equal([1, 3, 0], backlog.OverTime.Select(o => o.Solved));
        Assert.Equal(backlog.OpenNow, backlog.ByStatus.Sum(g => g.Tickets));
        Assert.Equal(backlog.OpenNow, backlog.ByPriority.Sum(g => g.Tickets));
        Assert.True(backlog.ByStatus.Single(g => g.Key == TicketStatuses.New).Tickets >= 1, "C waits, new, in the queue");
    }

    [Fact]
    public async Task Should_count_the_times_in_business_hours_of_the_calendar()
    {
        // Monday to Friday, 09:00–17:00 UTC, and a holiday on the Tuesday.
        var monday = PastDay();
        monday = monday.AddDays(((int)DayOfWeek.Monday - (int)monday.DayOfWeek + 7) % 7);
        var calendar = new BusinessCalendar("UTC",
            Enum.GetValues<DayOfWeek>().Where(d => d is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                .Select(d => new BusinessHours(d, new TimeOnly(9, 0), new TimeOnly(17, 0))),
            [DateOnly.FromDateTime(monday.UtcDateTime).AddDays(1)]);
        var policy = fixture.Service.Services.GetRequiredService<SlaTracking>().Policy;
        var agent = Guid.NewGuid();
        // P: Monday 16:00, answered Wednesday 10:00 (1 h + 1 h), solved Friday 12:00 (1 + 8 + 8 + 3 h).
        // Q: Saturday noon, answered Monday 09:30 (0.5 h), solved at 11:00 (2 h).
        // R: Wednesday 08:00, answered 08:30 before the opening (0 h), solved at 18:00 (8 h).
        var p = Worked(TicketPriorities.Normal, TicketChannels.Web, monday.AddHours(16), policy, false, (42 * Hour, agent), (92 * Hour, null));
        var q = Worked(TicketPriorities.Normal, TicketChannels.Web, monday.AddDays(5).AddHours(12), policy, false, (45.5 * Hour, agent), (47 * Hour, null));
        var r = Worked(TicketPriorities.Normal, TicketChannels.Web, monday.AddDays(2).AddHours(8), policy, false, (30 * Minute, agent), (10 * Hour, null));
        await fixture.ReadAsync(async db =>
        {
            db.Tickets.AddRange(p, q, r);
            return await db.SaveChangesAsync();
        });

        var times = await fixture.ReadAsync(db => SupportWorkReportsApi.ComputeTimesAsync(db, calendar, monday, monday.AddDays(7), DateTimeOffset.UtcNow, default));

        Assert.Equal(3, times.Overall.Tickets);
        AssertFigures(times.Overall.FirstResponse, 3, median: 0.5 * 3600, p90: (0.5 + 0.8 * 1.5) * 3600, average: 2.5 / 3 * 3600);
        AssertFigures(times.Overall.Resolution, 3, median: 8 * 3600, p90: (8 + 0.8 * 12) * 3600, average: 10 * 3600);
    }

    [Fact]
    public async Task Should_answer_400_naming_a_bad_date_and_refuse_customers()
    {
        var staff = fixture.CreateClient(await fixture.AddStaffAsync("Rita Reports", Roles.Agent), Roles.Agent);
        var customer = fixture.CreateCustomer(Guid.NewGuid());

        foreach (var report in new[] { "times", "sla", "backlog" })
        {
            await ApiAssert.BadRequestNamingAsync(await staff.GetAsync($"/api/support/reports/{report}?from=yesterday"), "from");
            await ApiAssert.BadRequestNamingAsync(await staff.GetAsync($"/api/support/reports/{report}?to=2026-02-30"), "to");
            Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync($"/api/support/reports/{report}")).StatusCode);
            ApiAssert.Status(HttpStatusCode.OK, await staff.GetAsync($"/api/support/reports/{report}"));
        }
    }

    /// <summary>A midnight (UTC) in the past that no other test's tickets use.</summary>
    private static DateTimeOffset PastDay() => new DateTimeOffset(1990, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(Random.Shared.Next(0, 20 * 365));

    /// <summary>
    /// A ticket created at <paramref name="createdAt"/> and worked at the given times after it: a message (from the
    /// agent given, or from the requester for <see cref="Guid.Empty"/>), or solving (no author). Its SLA clock runs on
    /// <paramref name="policy"/> unless <paramref name="clock"/> is false (a ticket older than SLAs).
    /// </summary>
    private static Ticket Worked(string priority, string channel, DateTimeOffset createdAt, SlaPolicy policy, bool clock,
        params (TimeSpan After, Guid? Author)[] steps)
    {
        var ticket = new Ticket
        {
            Id = Guid.NewGuid(),
            CustomerId = Guid.NewGuid(),
            Kind = Contracts.Ticketing.TicketKinds.Request,
            Subject = "Reported",
            Channel = channel,
            Priority = priority,
            Status = TicketStatuses.New,
            Queue = TicketQueues.Support,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        };
        if (clock)
            ticket.StartSla(policy);
        foreach (var (after, author) in steps)
        {
            var at = createdAt + after;
            if (author is { } id)
                ticket.Post(id == Guid.Empty ? ticket.CustomerId : id, null, "Hello", at, policy);
            else
                ticket.SetStatus(TicketStatuses.Solved, at, policy);
        }
        ticket.RefreshSlaSummary();
        return ticket;
    }

    private static void AssertFigures(SupportWorkReportsApi.TimeFigures figures, int count, double median, double p90, double average)
    {
        Assert.Equal(count, figures.Count);
        Assert.Equal(median / 3600, figures.MedianHours!.Value, 3);
        Assert.Equal(p90 / 3600, figures.P90Hours!.Value, 3);
        Assert.Equal(average / 3600, figures.AverageHours!.Value, 3);
    }
}
