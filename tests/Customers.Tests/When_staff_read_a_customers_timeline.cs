using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Customers.Tests;

/// <summary>One timeline per customer across every service: each event once, in the events' own time order, paged.</summary>
[Collection(CustomersCollection.Name)]
public sealed class When_staff_read_a_customers_timeline(CustomersFixture fixture)
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-01T09:00:00Z");

    [Fact]
    public async Task Should_hold_each_event_once_in_the_order_it_happened_whatever_order_it_came_in()
    {
        var email = CustomersFixture.NewEmail("timeline");
        var customerId = await fixture.SignUpAsync(email);
        var ticketId = Guid.NewGuid();
        var step = new OnboardingStepCompleted { CustomerId = customerId, Step = 2, Key = "email-verified", CompletedAt = Start.AddMinutes(2) };
        var ticket = new TicketOpened { TicketId = ticketId, CustomerId = customerId, Kind = "help", Subject = "Where are my invoices?", OpenedAt = Start.AddMinutes(1) };

        // Later event first, and each one twice.
        await fixture.Bus.Publish(step);
        await fixture.Bus.Publish(ticket);
        await fixture.Bus.Publish(step);
        await fixture.Bus.Publish(ticket);
        await fixture.Bus.Publish(new SuccessManagerAssigned
        {
            CustomerId = customerId, SuccessManagerId = Guid.NewGuid(), SuccessManagerName = "Casey Success", SuccessManagerEmail = "csm@example.com",
            AssignedAt = Start.AddMinutes(3),
        });

        using var staff = fixture.CreateClient(Guid.NewGuid(), Roles.Agent);
        TimelinePage? page = null;
        await CustomersFixture.WaitUntilAsync(async () =>
        {
            page = await staff.GetFromJsonAsync<TimelinePage>($"/api/customers/{customerId}/timeline");
            return page!.Entries.Count >= 4;
        }, "the timeline's entries");
        await Task.Delay(500);
        page = await staff.GetFromJsonAsync<TimelinePage>($"/api/customers/{customerId}/timeline");

        var olderThanSignUp = page!.Entries.Where(e => e.Kind != "signed-up").ToList();
        Assert.Equal(["csm-assigned", "journey-step", "ticket-opened"], olderThanSignUp.Select(e => e.Kind));
        Assert.Equal($"/support/tickets/{ticketId}", olderThanSignUp.Single(e => e.Kind == "ticket-opened").Link);
        Assert.Single(page.Entries, e => e.Kind == "signed-up");
    }

    [Fact]
    public async Task Should_hold_ticket_answers_ratings_and_training_enrolments_and_results_once_each()
    {
        var customerId = await fixture.SignUpAsync(CustomersFixture.NewEmail("training-timeline"));
        var ticketId = Guid.NewGuid();
        var enrollmentId = Guid.NewGuid();
        object[] events =
        [
            new TicketAnswered { TicketId = ticketId, CustomerId = customerId, Kind = "help", AnsweredBy = Guid.NewGuid(), AnsweredAt = Start.AddMinutes(5) },
            new TicketSolved { TicketId = ticketId, CustomerId = customerId, Subject = "Invites", SolvedAt = Start.AddMinutes(5.5) },
            new TicketRated { TicketId = ticketId, CustomerId = customerId, Score = 4, Comment = "Quick", RatedAt = Start.AddMinutes(5.7) },
            new CustomerEnrolled
            {
                EnrollmentId = enrollmentId, CustomerId = customerId, CourseId = Guid.NewGuid(), CourseVersion = 1, Level = "initial", EnrolledAt = Start.AddMinutes(6),
            },
            new TrainingAttemptsExhausted
            {
                EnrollmentId = enrollmentId, CustomerId = customerId, CourseId = Guid.NewGuid(), Level = "initial", BestScore = 62.5m, AttemptsUsed = 3,
                ExhaustedAt = Start.AddMinutes(7),
            },
        ];
        foreach (var message in events.Concat(events))
            await fixture.Bus.Publish(message, message.GetType());

        using var staff = fixture.CreateClient(Guid.NewGuid(), Roles.Agent);
        await CustomersFixture.WaitUntilAsync(async () => await fixture.ReadAsync(db => db.Timeline.CountAsync(e => e.CustomerId == customerId)) >= 6,
            "the five entries");
        await Task.Delay(500);
        var page = (await staff.GetFromJsonAsync<TimelinePage>($"/api/customers/{customerId}/timeline"))!;

        Assert.Equal(["training-attempts-exhausted", "training-enrolled", "ticket-rated", "ticket-solved", "ticket-answered"],
            page.Entries.Where(e => e.Kind != "signed-up").Select(e => e.Kind));
        Assert.Equal("Support rated 4/5: \u201cQuick\u201d", page.Entries.Single(e => e.Kind == "ticket-rated").Text);
        Assert.Equal($"/support/tickets/{ticketId}", page.Entries.Single(e => e.Kind == "ticket-answered").Link);
        Assert.Equal("Course not passed (initial): best 62.5 % after 3 attempts; staff may grant more",
            page.Entries.Single(e => e.Kind == "training-attempts-exhausted").Text);
        Assert.Equal($"/training/{enrollmentId}", page.Entries.Single(e => e.Kind == "training-enrolled").Link);
    }

    [Fact]
    public async Task Should_page_a_long_timeline_newest_first_without_gaps_or_repeats()
    {
        var customerId = await fixture.SignUpAsync(CustomersFixture.NewEmail("long"));
        for (var i = 0; i < 25; i++)
            await fixture.Bus.Publish(new OnboardingStepCompleted { CustomerId = customerId, Step = i + 1, Key = $"step-{i + 1}", CompletedAt = Start.AddMinutes(i) });
        using var staff = fixture.CreateClient(Guid.NewGuid(), Roles.Admin);
        await CustomersFixture.WaitUntilAsync(async () => await fixture.ReadAsync(db => db.Timeline.CountAsync(e => e.CustomerId == customerId)) == 26,
            "every entry");

        var seen = new List<TimelineEntryView>();
        string? next = null;
        do
        {
            var page = await staff.GetFromJsonAsync<TimelinePage>($"/api/customers/{customerId}/timeline?limit=10" + (next is null ? "" : $"&before={next}"));
            seen.AddRange(page!.Entries);
            next = page.Next;
        } while (next is not null);

        Assert.Equal(26, seen.Count);
        Assert.Equal(26, seen.Select(e => e.Id).Distinct().Count());
        Assert.Equal(seen.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Select(e => e.Id), seen.Select(e => e.Id));
    }

    [Fact]
    public async Task Should_put_a_guests_orders_on_the_timeline_they_get_at_sign_up()
    {
        var email = CustomersFixture.NewEmail("guest-timeline");
        var orderId = CustomersFixture.NewOrderId();
        await fixture.PutOrderAsync(orderId, CustomersFixture.Order(email));
        await fixture.PostEventAsync(orderId, new { eventId = "s1", type = "shipped", at = Start.AddDays(31), carrier = "DHL", trackingNumber = "T1" });

        var customerId = await fixture.SignUpAsync(email);

        using var staff = fixture.CreateClient(Guid.NewGuid(), Roles.SuccessManager);
        await CustomersFixture.WaitUntilAsync(async () =>
            (await staff.GetFromJsonAsync<TimelinePage>($"/api/customers/{customerId}/timeline"))!.Entries.Count(e => e.Kind == "order") == 2, "the order's entries");
        var view = await staff.GetFromJsonAsync<Customer360View>($"/api/customers/{customerId}");
        Assert.Equal(orderId, Assert.Single(view!.Orders).OrderId);
        Assert.Contains(view.Timeline.Entries, e => e.Text.Contains("shipped with DHL (T1)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_add_notes_and_logged_calls_and_refuse_bad_ones_and_non_staff()
    {
        var customerId = await fixture.SignUpAsync(CustomersFixture.NewEmail("notes"));
        var csmId = Guid.NewGuid();
        using var csm = fixture.Service.CreateClient();
        csm.DefaultRequestHeaders.Add(TestAuthHandler.UserHeader, csmId.ToString());
        csm.DefaultRequestHeaders.Add(TestAuthHandler.RolesHeader, Roles.SuccessManager);
        csm.DefaultRequestHeaders.Add(TestAuthHandler.NameHeader, "Casey Success");
        using var customer = fixture.CreateClient(customerId, Roles.Customer);

        var note = await csm.PostAsJsonAsync($"/api/customers/{customerId}/notes", new { text = "Prefers email to calls." });
        var call = await csm.PostAsJsonAsync($"/api/customers/{customerId}/notes", new { kind = "call", text = "Walked through invoices.", durationMinutes = 12 });
        var badKind = await csm.PostAsJsonAsync($"/api/customers/{customerId}/notes", new { kind = "telegram", text = "x" });
        var noText = await csm.PostAsJsonAsync($"/api/customers/{customerId}/notes", new { kind = "note" });
        var unknown = await csm.PostAsJsonAsync($"/api/customers/{Guid.NewGuid()}/notes", new { text = "Who?" });
        var byCustomer = await customer.PostAsJsonAsync($"/api/customers/{customerId}/notes", new { text = "Self-note" });
        var readByCustomer = await customer.GetAsync($"/api/customers/{customerId}/timeline");

        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        Assert.Equal(HttpStatusCode.Created, call.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noText.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byCustomer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readByCustomer.StatusCode);
        var page = await csm.GetFromJsonAsync<TimelinePage>($"/api/customers/{customerId}/timeline");
        var logged = page!.Entries.Where(e => e.AuthorId == csmId).ToList();
        Assert.Equal(2, logged.Count);
        Assert.Contains(logged, e => e.Kind == "call" && e.Text == "Call (12 min) logged by Casey Success: Walked through invoices.");
        Assert.Equal(2, await fixture.ReadAsync(db => db.Timeline.CountAsync(e => e.CustomerId == customerId && e.AuthorId != null)));
    }

    [Fact]
    public async Task Should_refuse_a_malformed_page_request()
    {
        var customerId = await fixture.SignUpAsync(CustomersFixture.NewEmail("paging"));
        using var staff = fixture.CreateClient(Guid.NewGuid(), Roles.Admin);

        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync($"/api/customers/{customerId}/timeline?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync($"/api/customers/{customerId}/timeline?before=not-a-cursor")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/customers/{Guid.NewGuid()}/timeline")).StatusCode);
    }
}
