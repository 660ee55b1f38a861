using System.Net;
using System.Net.Http.Json;
using CustomerPlatform.Contracts.Loyalty.Views;
using CustomerPlatform.Loyalty.Captures;
using CustomerPlatform.Loyalty.Earning;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.Loyalty.Rewards;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.Loyalty.Tests;

/// <summary>
/// <c>GET /api/loyalty/staff/analytics</c> over a period long past (March 2001), seeded with a small population of its own,
/// so every figure is exact whatever the other tests wrote now: members by tier at the period's end, points issued,
/// redeemed and expired, the redemption rate, members' and guests' repeat purchase rates and the pop-up's conversion.
/// </summary>
[Collection(LoyaltyCollection.Name)]
public sealed class When_staff_read_the_programmes_analytics(LoyaltyFixture fixture)
{
    private static readonly DateTimeOffset March = new(2001, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Should_give_exact_figures_for_a_seeded_population()
    {
        await SeedAsync();
        var (_, staff) = fixture.NewStaff(Roles.SuccessManager);

        var view = (await staff.GetFromJsonAsync<LoyaltyAnalyticsView>("/api/loyalty/staff/analytics?from=2001-03-01&to=2001-03-31"))!;

        Assert.Equal((March, March.AddMonths(1)), (view.From, view.To));
        Assert.Equal(new TierMembersView[] { new("Member", 1), new("Silver", 1), new("Gold", 1) }, view.MembersByTier);
        Assert.Equal((3L, 3L), (view.Members, view.GuestAddresses));
        Assert.Equal((1400L, 500L, 30L, 0.3571), (view.PointsIssued, view.PointsRedeemed, view.PointsExpired, view.RedemptionRate));
        Assert.Equal(new RepeatPurchaseView(2, 1, 0.5), view.MemberBuyers);
        Assert.Equal(new RepeatPurchaseView(3, 1, 0.3333), view.NonMemberBuyers);
        Assert.Equal(new PopUpConversionView(2, 1, 0.5), view.PopUp);
    }

    [Theory]
    [InlineData("?from=2001-13-01", "from")]
    [InlineData("?from=2001-03-10&to=2001-03-01", "to")]
    [InlineData("?to=yesterday", "to")]
    public async Task Should_answer_a_bad_period_with_a_400_naming_the_field(string query, string field)
    {
        var (_, staff) = fixture.NewStaff(Roles.Admin);

        var response = await staff.GetAsync("/api/loyalty/staff/analytics" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        Assert.Equal([field], problem!.Errors.Keys);
    }

    [Fact]
    public async Task Should_refuse_a_customer()
    {
        var (_, _, client) = fixture.NewCustomer();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/loyalty/staff/analytics")).StatusCode);
    }

    /// <summary>
    /// Members (signed-up customers): Gold (1,200 earned in March, 10 in February, 500 redeemed, two orders), Silver (150
    /// confirmed, 50 added and 20 taken by staff, one order and one cancelled), Member (nothing), and one created after March
    /// (not counted). Guests: two orders, 30 points expired; one order; one order. Three captures, two in March, one of those
    /// codes used.
    /// </summary>
    private async Task SeedAsync()
    {
        await using var scope = fixture.Service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoyaltyDbContext>();
        Member Add(Guid? customerId, DateTimeOffset createdAt, params (string Kind, long Points, DateTimeOffset At, string? OrderId)[] entries)
        {
            var member = new Member
            {
                Id = NewId.NextGuid(), Email = $"analytics.{Guid.NewGuid():N}@example.com", CustomerId = customerId,
                Balance = entries.Sum(e => e.Points), CreatedAt = createdAt, UpdatedAt = createdAt,
            };
            db.Members.Add(member);
            foreach (var (kind, points, at, orderId) in entries)
                db.LedgerEntries.Add(new LedgerEntry
                {
                    Id = NewId.NextGuid(), MemberId = member.Id, Kind = kind, Points = points, OrderId = orderId,
                    SourceKey = orderId is null ? $"analytics:{Guid.NewGuid():N}" : OrderSourceKeys.Cancel(orderId), At = at, RecordedAt = at,
                });
            return member;
        }
        void Orders(Member member, params DateTimeOffset[] placed)
        {
            foreach (var at in placed)
                db.OrderEarnings.Add(new OrderEarning { OrderId = $"A-{Guid.NewGuid():N}", MemberId = member.Id, PlacedAt = at });
        }

        var gold = Add(Guid.NewGuid(), March,
            (LedgerKinds.Earn, 10, March.AddDays(-9), null), (LedgerKinds.Earn, 1200, March.AddDays(4), null), (LedgerKinds.Redeem, -500, March.AddDays(9), null));
        Orders(gold, March.AddDays(1), March.AddDays(2));
        var cancelled = $"A-{Guid.NewGuid():N}";
        var silver = Add(Guid.NewGuid(), March, (LedgerKinds.Confirm, 150, March.AddDays(5), null),
            (LedgerKinds.Adjustment, 50, March.AddDays(6), null), (LedgerKinds.Adjustment, -20, March.AddDays(7), null),
            (LedgerKinds.Reverse, 0, March.AddDays(8), cancelled));
        Orders(silver, March.AddDays(3));
        db.OrderEarnings.Add(new OrderEarning { OrderId = cancelled, MemberId = silver.Id, PlacedAt = March.AddDays(4) });
        Add(Guid.NewGuid(), March.AddDays(20));
        Add(Guid.NewGuid(), March.AddMonths(1).AddDays(14), (LedgerKinds.Earn, 5000, March.AddMonths(1).AddDays(14), null));
        var guest = Add(null, March, (LedgerKinds.Expire, -30, March.AddDays(25), null));
        Orders(guest, March.AddDays(10), March.AddDays(11));
        Orders(Add(null, March), March.AddDays(12));
        Orders(Add(null, March), March.AddDays(13), March.AddMonths(1).AddDays(1));

        foreach (var (at, used) in new[] { (March.AddDays(1), true), (March.AddDays(2), false), (March.AddDays(-1), true) })
        {
            var code = RewardCode.NewCode();
            db.RewardCodes.Add(new RewardCode
            {
                Code = code, MemberId = guest.Id, RewardId = CapturesApi.FirstPurchaseReward, Kind = RewardKinds.PercentDiscount, Value = 10,
                CreatedAt = at, ExpiresAt = at.AddDays(30), UsedForOrderId = used ? $"A-{Guid.NewGuid():N}" : null, UsedAt = used ? at.AddDays(1) : null,
            });
            db.Captures.Add(new Capture { Email = $"captured.{Guid.NewGuid():N}@example.com", Code = code, ConsentText = "Yes", ConsentedAt = at });
        }
        await db.SaveChangesAsync();
    }
}
