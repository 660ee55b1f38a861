using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CustomerPlatform.Contracts.Onboarding;
using CustomerPlatform.Loyalty.Earning;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.Loyalty.Programme;
using CustomerPlatform.Loyalty.Rewards;
using CustomerPlatform.Loyalty.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Loyalty.Tests;

/// <summary>
/// Admins keep the programme (earning rules, tiers, rewards) as versions in the database (ADR-037): what they save is
/// what earns and redeems next, a save over a version someone else replaced is a 409, a broken rule a 400 naming its
/// field, and each ledger entry says which version computed it. Every test puts the programme back as it found it
/// (a new version with the old content), so the collection's other tests see the configuration's rules.
/// </summary>
[Collection(LoyaltyCollection.Name)]
public sealed class When_admins_change_the_programme(LoyaltyFixture fixture)
{
    private const string ProgrammeRoute = "/api/loyalty/staff/programme";

    [Fact]
    public async Task Should_earn_by_the_saved_version_with_the_category_and_the_tiers_multipliers_and_record_the_version()
    {
        var category = $"toys-{Guid.NewGuid():N}"[..20];
        await WithProgrammeAsync(programme =>
        {
            programme["earning"]!["categoryMultipliers"]![category] = 3;
            programme["tiers"]![1]!["earningMultiplier"] = 1.5;
        }, async version =>
        {
            // Onboarding's 200 points put the member in Silver (from 100): ×1.5 on what they buy.
            var (customerId, email, client) = await fixture.SignedUpCustomerAsync();
            await fixture.Bus.Publish(new OnboardingCompleted { CustomerId = customerId, AdvancedTrainingTaken = false, CompletedAt = DateTimeOffset.UtcNow });
            await fixture.WaitForSourceKeyAsync(LifecycleSources.Key(LifecycleSources.Onboarding, $"{customerId}"));
            Assert.Equal("Silver", (await LoyaltyFixture.MeAsync(client)).Tier);

            var order = LoyaltyFixture.NewOrder(customerId, email);
            order = order with { Lines = [order.Lines[0] with { Category = category.ToUpperInvariant() }, order.Lines[1]] };
            await fixture.PlaceAsync(order);

            // 3 × 10.00 × 2 per unit × 3 × 1.5 = 270; 2 × 12.50 × 2 × 1.5 (books) × 1.5 = 112.5, rounded down: 112.
            var earn = Assert.Single(await fixture.EntriesAsync(order.OrderId));
            Assert.Equal((LedgerKinds.PendingEarn, 382L, (int?)version), (earn.Kind, earn.PendingPoints, earn.ProgrammeVersion));
            var onboarding = Assert.Single(await fixture.CustomerEntriesAsync(customerId), e => e.Kind == LedgerKinds.Earn);
            Assert.Equal(version, onboarding.ProgrammeVersion);

            // Staff see the version beside the entry, and can read that version whole.
            var (_, admin) = fixture.NewStaff(Roles.Admin);
            var ledger = (await admin.GetFromJsonAsync<List<StaffApi.StaffLedgerEntryView>>($"/api/loyalty/staff/members/{earn.MemberId}/ledger"))!;
            Assert.Equal(version, Assert.Single(ledger, e => e.Kind == LedgerKinds.PendingEarn).ProgrammeVersion);
            var used = (await admin.GetFromJsonAsync<JsonObject>($"{ProgrammeRoute}/versions/{version}"))!;
            Assert.Equal(3m, used["earning"]!["categoryMultipliers"]![category]!.GetValue<decimal>());

            // Confirmed by the version that computed it.
            await fixture.WaitForEntryAsync(order.OrderId, LedgerKinds.Confirm);
            Assert.All(await fixture.EntriesAsync(order.OrderId), e => Assert.Equal(version, e.ProgrammeVersion));
        });
    }

    [Fact]
    public async Task Should_refuse_a_save_over_a_version_someone_else_replaced()
    {
        var (_, admin) = fixture.NewStaff(Roles.Admin);
        var (version, programme) = await CurrentAsync(admin);
        var first = await admin.PutAsJsonAsync(ProgrammeRoute, Save(programme, version, "First save"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var saved = (await first.Content.ReadFromJsonAsync<ProgrammeApi.ProgrammeView>())!;
        Assert.Equal((version + 1, "First save", "Alex admin"), (saved.Version, saved.Note, saved.CreatedByName));

        var stale = await admin.PutAsJsonAsync(ProgrammeRoute, Save(programme, version, "Second save over the same version"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("Programme changed", (await stale.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
        var ahead = await admin.PutAsJsonAsync(ProgrammeRoute, Save(programme, version + 5, "Over a version that does not exist"));
        Assert.Equal(HttpStatusCode.Conflict, ahead.StatusCode);

        var versions = (await admin.GetFromJsonAsync<List<ProgrammeApi.VersionView>>($"{ProgrammeRoute}/versions"))!;
        Assert.Equal(version + 1, versions[0].Version);
        Assert.Equal("First save", versions[0].Note);
        Assert.Equal((1, ProgrammeStore.SeededBy), (versions[^1].Version, versions[^1].CreatedByName));
        Assert.Equal(version + 1, (await CurrentAsync(admin)).Version);
    }

    [Fact]
    public async Task Should_answer_400_naming_the_broken_field_and_save_nothing()
    {
        var (_, admin) = fixture.NewStaff(Roles.Admin);
        var (version, _) = await CurrentAsync(admin);
        (string Field, Action<JsonObject> Break)[] cases =
        [
            ("earning.pointsPerUnit", p => p["earning"]!["pointsPerUnit"] = -1),
            ("earning.categoryMultipliers.books", p => p["earning"]!["categoryMultipliers"]!["books"] = 1000),
            ("earning.onboarding.points", p => p["earning"]!["onboarding"]!["points"] = -5),
            ("earning.ticketRating.limit", p => p["earning"]!["ticketRating"]!["limit"] = 0),
            ("tiers[0].threshold", p => p["tiers"]![0]!["threshold"] = 10),
            ("tiers[2].threshold", p => p["tiers"]![2]!["threshold"] = 50),
            ("tiers[2].name", p => p["tiers"]![2]!["name"] = "silver"),
            ("tiers[1].earningMultiplier", p => p["tiers"]![1]!["earningMultiplier"] = 11),
            ("tiers", p => p["tiers"] = new JsonArray()),
            ("rewards.ten-off.cost", p => p["rewards"]!["ten-off"]!["cost"] = -1),
            ("rewards.ten-off.kind", p => p["rewards"]!["ten-off"]!["kind"] = "cash"),
            ("rewards.ten-off.value", p => p["rewards"]!["ten-off"]!["value"] = 150),
            ("rewards.ten-off.validFor", p => p["rewards"]!["ten-off"]!["validFor"] = "00:00:00"),
            ("rewards.ten-off.stock", p => p["rewards"]!["ten-off"]!["stock"] = -1),
            ("rewards.ten-off.limitPerCustomer", p => p["rewards"]!["ten-off"]!["limitPerCustomer"] = 0),
            ("rewards.no such id", p => p["rewards"]!["no such id"] = p["rewards"]!["ten-off"]!.DeepClone()),
            ("earning", p => p.Remove("earning")),
            ("earning.categoryMultipliers", p => p["earning"]!["categoryMultipliers"] = null),
            ("tiers[1].name", p => p["tiers"]![1]!["name"] = null),
            ("rewards", p => p["rewards"] = null),
            ("tiers", p => p["tiers"] = null),
        ];
        foreach (var (field, breakIt) in cases)
        {
            var (_, programme) = await CurrentAsync(admin);
            breakIt(programme);
            var response = await admin.PutAsJsonAsync(ProgrammeRoute, Save(programme, version, $"Breaks {field}"));
            Assert.True(HttpStatusCode.BadRequest == response.StatusCode, $"{field}: {response.StatusCode}");
            var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
            Assert.True(errors.ContainsKey(field), $"{field} not named: {errors}");
        }
        var (_, unchanged) = await CurrentAsync(admin);
        var missingVersion = Save(unchanged, version, "No expected version");
        missingVersion.Remove("expectedVersion");
        var noVersion = await admin.PutAsJsonAsync(ProgrammeRoute, missingVersion);
        Assert.True((await noVersion.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("expectedVersion"));

        Assert.Equal(version, (await CurrentAsync(admin)).Version);
        Assert.Equal(0, await fixture.ReadAsync(db => db.ProgrammeVersions.CountAsync(v => v.Version > version)));
    }

    [Fact]
    public async Task Should_refuse_to_rename_a_tier_members_hold_until_their_review()
    {
        var (customerId, email, _) = fixture.NewCustomer();
        var order = await fixture.PlaceAsync(LoyaltyFixture.NewOrder(customerId, email));
        await fixture.WaitForEntryAsync(order.OrderId, LedgerKinds.Confirm);
        Assert.Equal("Silver", (await fixture.MemberAsync(email))!.Tier);
        var (_, admin) = fixture.NewStaff(Roles.Admin);
        var (version, programme) = await CurrentAsync(admin);
        var silver = programme["tiers"]!.AsArray().Single(t => (string?)t!["name"] == "Silver")!;
        silver["name"] = "Argent";

        var response = await admin.PutAsJsonAsync(ProgrammeRoute, Save(programme, version, "Silver becomes Argent"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'Silver'", string.Join(" ", (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["tiers"]!.AsArray()));
        Assert.Equal(version, (await CurrentAsync(admin)).Version);
    }

    [Fact]
    public async Task Should_let_only_admins_read_or_change_it()
    {
        var (_, admin) = fixture.NewStaff(Roles.Admin);
        var (version, programme) = await CurrentAsync(admin);
        foreach (var client in new[] { fixture.NewStaff(Roles.Agent).Client, fixture.NewStaff(Roles.SuccessManager).Client, fixture.NewCustomer().Client })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(ProgrammeRoute)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{ProgrammeRoute}/versions")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync(ProgrammeRoute, Save(programme, version, "Not mine to change"))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous().GetAsync(ProgrammeRoute)).StatusCode);
        Assert.Equal(version, (await CurrentAsync(admin)).Version);
    }

    [Fact]
    public async Task Should_give_the_last_unit_of_a_reward_to_exactly_one_of_20_customers_and_more_once_restocked()
    {
        var rewardId = $"mug-{Guid.NewGuid():N}"[..16];
        var customers = new List<(Guid CustomerId, string Email, HttpClient Client)>();
        for (var i = 0; i < 21; i++)
        {
            var customer = fixture.NewCustomer();
            await fixture.GrantAsync(customer.CustomerId, customer.Email, 10);
            customers.Add(customer);
        }
        await WithProgrammeAsync(programme => programme["rewards"]![rewardId] = Reward(stock: 1, limit: null), async version =>
        {
            var responses = await Task.WhenAll(customers.Take(20).Select(c => c.Client.PostAsync($"/api/loyalty/rewards/{rewardId}/redeem", null)));
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            {
                Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
                Assert.Equal("Out of stock", (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
            }
            Assert.Equal(1, await fixture.ReadAsync(db => db.RewardCodes.CountAsync(c => c.RewardId == rewardId)));
            Assert.Equal(19 * 10, (await Task.WhenAll(customers.Take(20).Select(c => LoyaltyFixture.MeAsync(c.Client)))).Sum(m => m.PointsBalance));
            var entry = Assert.Single(await fixture.ReadAsync(db => db.LedgerEntries.Where(e => e.Reason == $"Reward {rewardId}").ToListAsync()));
            Assert.Equal(version, entry.ProgrammeVersion);

            var last = customers[20].Client;
            var shown = Assert.Single((await last.GetFromJsonAsync<List<RewardsApi.RewardView>>("/api/loyalty/rewards"))!, r => r.RewardId == rewardId);
            Assert.Equal((0L, false), (shown.Remaining, shown.CanRedeem));

            // Restocked: a new version raises the stock to 2, so one more is left (the one given counts against it).
            var (_, admin) = fixture.NewStaff(Roles.Admin);
            var (current, programme) = await CurrentAsync(admin);
            programme["rewards"]![rewardId]!["stock"] = 2;
            Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync(ProgrammeRoute, Save(programme, current, "Restock"))).StatusCode);
            shown = Assert.Single((await last.GetFromJsonAsync<List<RewardsApi.RewardView>>("/api/loyalty/rewards"))!, r => r.RewardId == rewardId);
            Assert.Equal((1L, true), (shown.Remaining, shown.CanRedeem));
            Assert.Equal(HttpStatusCode.Created, (await last.PostAsync($"/api/loyalty/rewards/{rewardId}/redeem", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, (await customers[0].Client.PostAsync($"/api/loyalty/rewards/{rewardId}/redeem", null)).StatusCode);
        });
    }

    [Fact]
    public async Task Should_give_a_customer_no_more_codes_of_a_reward_than_its_limit()
    {
        var rewardId = $"once-{Guid.NewGuid():N}"[..16];
        var (customerId, email, client) = fixture.NewCustomer();
        await fixture.GrantAsync(customerId, email, 100);
        await WithProgrammeAsync(programme => programme["rewards"]![rewardId] = Reward(stock: null, limit: 2), async _ =>
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsync($"/api/loyalty/rewards/{rewardId}/redeem", null)));
            Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            {
                Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
                Assert.Equal("Limit reached", (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
            }
            Assert.Equal(80, (await LoyaltyFixture.MeAsync(client)).PointsBalance);
            var shown = Assert.Single((await client.GetFromJsonAsync<List<RewardsApi.RewardView>>("/api/loyalty/rewards"))!, r => r.RewardId == rewardId);
            Assert.Equal(((long?)null, (int?)2, 2, false), (shown.Remaining, shown.LimitPerCustomer, shown.RedeemedByYou, shown.CanRedeem));

            // Another customer still may.
            var other = fixture.NewCustomer();
            await fixture.GrantAsync(other.CustomerId, other.Email, 10);
            Assert.True(Assert.Single((await other.Client.GetFromJsonAsync<List<RewardsApi.RewardView>>("/api/loyalty/rewards"))!, r => r.RewardId == rewardId).CanRedeem);
            Assert.Equal(HttpStatusCode.Created, (await other.Client.PostAsync($"/api/loyalty/rewards/{rewardId}/redeem", null)).StatusCode);
        });
    }

    private static JsonObject Reward(long? stock, int? limit) => new()
    {
        ["name"] = "A limited reward", ["kind"] = RewardKinds.FixedDiscount, ["value"] = 5, ["cost"] = 10, ["validFor"] = "30.00:00:00",
        ["stock"] = stock, ["limitPerCustomer"] = limit,
    };

    private static async Task<(int Version, JsonObject Programme)> CurrentAsync(HttpClient admin)
    {
        var current = (await admin.GetFromJsonAsync<JsonObject>(ProgrammeRoute))!;
        return (current["version"]!.GetValue<int>(), current);
    }

    private static JsonObject Save(JsonObject programme, int expectedVersion, string note) => new()
    {
        ["expectedVersion"] = expectedVersion, ["note"] = note,
        ["earning"] = programme["earning"]?.DeepClone(), ["tiers"] = programme["tiers"]?.DeepClone(), ["rewards"] = programme["rewards"]?.DeepClone(),
    };

    /// <summary>Saves the current programme changed by <paramref name="change"/>, runs <paramref name="test"/> with its version, then saves the old content again.</summary>
    private async Task WithProgrammeAsync(Action<JsonObject> change, Func<int, Task> test)
    {
        var (_, admin) = fixture.NewStaff(Roles.Admin);
        var (version, original) = await CurrentAsync(admin);
        var changed = (JsonObject)original.DeepClone();
        change(changed);
        var saved = await admin.PutAsJsonAsync(ProgrammeRoute, Save(changed, version, "Test change"));
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        try
        {
            await test(version + 1);
        }
        finally
        {
            var (now, _) = await CurrentAsync(admin);
            Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync(ProgrammeRoute, Save(original, now, "Test change undone"))).StatusCode);
        }
    }
}
