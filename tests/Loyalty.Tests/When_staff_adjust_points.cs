using System.Net;
using System.Net.Http.Json;
using System.Text;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.Loyalty.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Loyalty.Tests;

/// <summary>
/// Staff find a member by address, read their ledger with who made each adjustment and why, and adjust points by hand:
/// an <c>adjustment</c> entry authored from the caller's token, once per idempotency key, never below a zero balance;
/// bad input is a 400 naming the field and writes nothing; customers get 403, unknown members 404.
/// </summary>
[Collection(LoyaltyCollection.Name)]
public sealed class When_staff_adjust_points(LoyaltyFixture fixture)
{
    private static string Adjustments(Guid memberId) => $"/api/loyalty/staff/members/{memberId}/adjustments";

    private static async Task<List<StaffApi.StaffLedgerEntryView>> LedgerAsync(HttpClient staff, Guid memberId) =>
        (await staff.GetFromJsonAsync<List<StaffApi.StaffLedgerEntryView>>($"/api/loyalty/staff/members/{memberId}/ledger"))!;

    private static async Task<StaffApi.StaffMemberView> FindAsync(HttpClient staff, string email) =>
        (await staff.GetFromJsonAsync<StaffApi.StaffMemberView>($"/api/loyalty/staff/members?email={Uri.EscapeDataString(email)}"))!;

    /// <summary>A new customer's member, given <paramref name="points"/> by a first adjustment.</summary>
    private async Task<(string Email, Guid MemberId, HttpClient Customer)> MemberWithAsync(long points)
    {
        var (customerId, email, customer) = fixture.NewCustomer();
        await fixture.GrantAsync(customerId, email, points);
        return (email, (await fixture.MemberAsync(email))!.Id, customer);
    }

    private Task<int> EntryCountAsync(Guid memberId) => fixture.ReadAsync(db => db.LedgerEntries.CountAsync(e => e.MemberId == memberId));

    [Fact]
    public async Task Should_find_a_member_by_address_with_balance_pending_points_tier_and_customer()
    {
        var (customerId, email, _) = fixture.NewCustomer();
        await fixture.GrantAsync(customerId, email, 40);
        await fixture.PlaceAsync(LoyaltyFixture.NewOrder(customerId, email));
        var (_, agent) = fixture.NewStaff(Roles.Agent);
        var (_, csm) = fixture.NewStaff(Roles.SuccessManager);

        var found = await FindAsync(csm, email.ToUpperInvariant());

        var member = (await fixture.MemberAsync(email))!;
        Assert.Equal((member.Id, MemberLedger.NormalizeEmail(email), (Guid?)customerId, 40L, LoyaltyFixture.OrderPoints),
            (found.MemberId, found.Email, found.CustomerId, found.PointsBalance, found.PendingPoints));
        // Adjustments and pending points do not count toward the tier.
        Assert.Equal(("Member", "Silver", 100L), (found.Tier, found.NextTier, found.PointsToNextTier));
        Assert.Equal(found, await agent.GetFromJsonAsync<StaffApi.StaffMemberView>($"/api/loyalty/staff/members/{member.Id}"));

        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/loyalty/staff/members?email=nobody.{Guid.NewGuid():N}@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/loyalty/staff/members/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/loyalty/staff/members/{Guid.NewGuid()}/ledger")).StatusCode);
        await AssertFieldErrorAsync(await agent.GetAsync("/api/loyalty/staff/members"), "email");
        await AssertFieldErrorAsync(await agent.GetAsync($"/api/loyalty/staff/members/{member.Id}/ledger?limit=many"), "limit");
    }

    [Fact]
    public async Task Should_write_an_adjustment_with_who_and_why_and_show_it_first_in_the_ledger()
    {
        var (customerId, email, customer) = fixture.NewCustomer();
        var order = await fixture.PlaceAsync(LoyaltyFixture.NewOrder(customerId, email));
        var memberId = (await fixture.MemberAsync(email))!.Id;
        var (agentId, agent) = fixture.NewStaff(Roles.Agent);

        var response = await agent.PostAsJsonAsync(Adjustments(memberId), new { points = 250, reason = "  Goodwill: parcel lost  " });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var entry = (await response.Content.ReadFromJsonAsync<StaffApi.StaffLedgerEntryView>())!;
        Assert.Equal((LedgerKinds.Adjustment, 250L, 0L, "Goodwill: parcel lost", (Guid?)agentId, "Alex agent"),
            (entry.Kind, entry.Points, entry.PendingPoints, entry.Reason, entry.ById, entry.ByName));
        var stored = await fixture.ReadAsync(db => db.LedgerEntries.SingleAsync(e => e.Id == entry.EntryId));
        Assert.Equal((memberId, LedgerKinds.Adjustment, 250L, "Goodwill: parcel lost", (Guid?)agentId, "Alex agent"),
            (stored.MemberId, stored.Kind, stored.Points, stored.Reason, stored.ById, stored.ByName));
        Assert.StartsWith("adjustment:", stored.SourceKey);
        Assert.Equal(250, (await LoyaltyFixture.MeAsync(customer)).PointsBalance);

        var ledger = await LedgerAsync(agent, memberId);
        Assert.Equal([LedgerKinds.Adjustment, LedgerKinds.PendingEarn], ledger.Select(e => e.Kind));
        Assert.Equal(entry, ledger[0]);
        Assert.Equal(order.OrderId, ledger[1].OrderId);

        // A deduction down to zero is allowed; below zero is refused and writes nothing.
        var below = await agent.PostAsJsonAsync(Adjustments(memberId), new { points = -251, reason = "Too much" });
        Assert.Equal(HttpStatusCode.Conflict, below.StatusCode);
        Assert.Equal(2, await EntryCountAsync(memberId));
        Assert.Equal(HttpStatusCode.Created, (await agent.PostAsJsonAsync(Adjustments(memberId), new { points = -250, reason = "Goodwill given twice" })).StatusCode);
        Assert.Equal((0L, LoyaltyFixture.OrderPoints), ((await fixture.MemberAsync(email))!.Balance, (await fixture.MemberAsync(email))!.Pending));

        Assert.Equal(HttpStatusCode.NotFound, (await agent.PostAsJsonAsync(Adjustments(Guid.NewGuid()), new { points = 5, reason = "Nobody" })).StatusCode);
    }

    [Fact]
    public async Task Should_write_one_entry_per_idempotency_key_however_often_it_is_sent()
    {
        var (email, memberId, _) = await MemberWithAsync(10);
        var (_, admin) = fixture.NewStaff(Roles.Admin);
        var key = $"ticket-42-{Guid.NewGuid():N}";
        var body = new { points = 75, reason = "Compensation for ticket 42", idempotencyKey = key };

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => admin.PostAsJsonAsync(Adjustments(memberId), body)));
        var again = await admin.PostAsJsonAsync(Adjustments(memberId), body);

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Append(again).Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var entries = await Task.WhenAll(responses.Append(again).Select(r => r.Content.ReadFromJsonAsync<StaffApi.StaffLedgerEntryView>()));
        Assert.Single(entries.Select(e => e!.EntryId).Distinct());
        var stored = Assert.Single(await fixture.ReadAsync(db => db.LedgerEntries.Where(e => e.SourceKey == $"adjustment:{key}").ToListAsync()));
        Assert.Equal((memberId, 75L), (stored.MemberId, stored.Points));
        Assert.Equal(85, (await fixture.MemberAsync(email))!.Balance);

        // The key for something else (other points, another member): 409, nothing written.
        var (_, otherMember, _) = await MemberWithAsync(10);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync(Adjustments(memberId), body with { points = 76 })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync(Adjustments(otherMember), body)).StatusCode);
        Assert.Equal((2, 1), (await EntryCountAsync(memberId), await EntryCountAsync(otherMember)));
        Assert.Equal(85, (await fixture.MemberAsync(email))!.Balance);
    }

    public static TheoryData<string, string> BadBodies() => new()
    {
        { """{"reason": "No points"}""", "points" },
        { """{"points": 0, "reason": "Nothing"}""", "points" },
        { """{"points": 1000001, "reason": "Too many"}""", "points" },
        { """{"points": -1000001, "reason": "Too many"}""", "points" },
        { """{"points": -9223372036854775808, "reason": "The smallest long"}""", "points" },
        { """{"points": 1.5, "reason": "A fraction"}""", "points" },
        { """{"points": "ten", "reason": "Not a number"}""", "points" },
        { """{"points": 10}""", "reason" },
        { """{"points": 10, "reason": "   "}""", "reason" },
        { $$"""{"points": 10, "reason": "{{new string('x', 501)}}"}""", "reason" },
        { """{"points": 10, "reason": "Bell \u0007"}""", "reason" },
        { """{"points": 10, "reason": "Fine", "idempotencyKey": ""}""", "idempotencyKey" },
        { """{"points": 10, "reason": "Fine", "idempotencyKey": "has a space"}""", "idempotencyKey" },
        { $$"""{"points": 10, "reason": "Fine", "idempotencyKey": "{{new string('k', 101)}}"}""", "idempotencyKey" },
        { "not json", "body" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Should_refuse_a_bad_adjustment_naming_the_field_and_write_nothing(string json, string field)
    {
        var (email, memberId, _) = await MemberWithAsync(10);
        var (_, agent) = fixture.NewStaff(Roles.Agent);

        await AssertFieldErrorAsync(await agent.PostAsync(Adjustments(memberId), new StringContent(json, Encoding.UTF8, "application/json")), field);

        Assert.Equal(1, await EntryCountAsync(memberId));
        Assert.Equal(10, (await fixture.MemberAsync(email))!.Balance);
    }

    [Fact]
    public async Task Should_forbid_customers_every_staff_route_and_success_managers_adjustments()
    {
        var (email, memberId, customer) = await MemberWithAsync(10);
        var (_, csm) = fixture.NewStaff(Roles.SuccessManager);
        var body = new { points = 1000, reason = "For me" };

        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync($"/api/loyalty/staff/members?email={Uri.EscapeDataString(email)}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync($"/api/loyalty/staff/members/{memberId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync($"/api/loyalty/staff/members/{memberId}/ledger")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.PostAsJsonAsync(Adjustments(memberId), body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Store().PostAsJsonAsync(Adjustments(memberId), body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await csm.PostAsJsonAsync(Adjustments(memberId), body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await csm.GetAsync($"/api/loyalty/staff/members/{memberId}/ledger")).StatusCode);

        Assert.Equal(1, await EntryCountAsync(memberId));
        Assert.Equal(10, (await fixture.MemberAsync(email))!.Balance);
    }

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains(field, problem!.Errors.Keys);
    }
}
