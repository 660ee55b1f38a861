using System.Net.Http.Json;
using CustomerPlatform.Contracts.Customers;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Identity;
using CustomerPlatform.Contracts.Loyalty;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.Loyalty.Tests;

/// <summary>
/// Real PostgreSQL and RabbitMQ; the Loyalty service in-process; and a second host standing for the other services,
/// which publishes the Customers service's order events, Identity's sign-ups and address changes, and the lifecycle's events, and
/// records the emails Loyalty asks of Notifications.
/// </summary>
public sealed class LoyaltyFixture() : ServiceFixture<LoyaltyDbContext, LoyaltyDbContext>(
    "loyalty-tests",
    [TestServer.Postgres(ResourceNames.Databases.Loyalty), TestServer.RabbitMq()],
    typeof(SendEmail), typeof(LoyaltyPointsEarned), typeof(LoyaltyRewardRedeemed), typeof(LoyaltyTierChanged))
{
    /// <summary>The return window, short enough to see points confirmed, long enough to see them pending first.</summary>
    public static readonly TimeSpan ConfirmAfter = TimeSpan.FromSeconds(5);

    /// <summary>The storefront's origin: the pop-up's routes answer CORS for it.</summary>
    public const string StoreOrigin = "https://shop.example";

    public const int CapturesPerAddress = 5;

    /// <summary>Points expire this long after they were earned; the tests backdate entries (<see cref="HistoryAsync"/>) rather than wait.</summary>
    public static readonly TimeSpan ExpireAfter = TimeSpan.FromDays(100);

    /// <summary>The yearly tier review comes this long after the member's anniversary.</summary>
    public static readonly TimeSpan TierGrace = TimeSpan.FromDays(20);

    /// <summary>How long before its points expire a member is told.</summary>
    public static readonly TimeSpan WarnBefore = TimeSpan.FromDays(10);

    /// <summary>A client without a token, calling from an address of its own (so the per-address limit is its own).</summary>
    public HttpClient Anonymous()
    {
        var client = Service.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}");
        return client;
    }

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        settings["Loyalty:Earning:PointsPerUnit"] = "2";
        settings["Loyalty:Earning:CategoryMultipliers:books"] = "1.5";
        settings["Loyalty:Earning:ConfirmAfter"] = ConfirmAfter.ToString();
        settings["Loyalty:Earning:Onboarding:Points"] = "200";
        settings["Loyalty:Earning:Training:Points"] = "100";
        settings["Loyalty:Earning:Training:PassMark"] = "80";
        settings["Loyalty:Earning:Training:PointsPerPercentAbovePass"] = "5";
        settings["Loyalty:Earning:Survey:Points"] = "50";
        settings["Loyalty:Earning:TicketRating:Points"] = "10";
        settings["Loyalty:Earning:TicketRating:Limit"] = "2";
        settings["Loyalty:Earning:TicketRating:Period"] = "30.00:00:00";
        settings["Loyalty:Tiers:0:Name"] = "Member";
        settings["Loyalty:Tiers:0:Threshold"] = "0";
        settings["Loyalty:Tiers:1:Name"] = "Silver";
        settings["Loyalty:Tiers:1:Threshold"] = "100";
        settings["Loyalty:Tiers:2:Name"] = "Gold";
        settings["Loyalty:Tiers:2:Threshold"] = "1000";
        settings["Loyalty:Rewards:ten-off:Name"] = "10 % off your next order";
        settings["Loyalty:Rewards:ten-off:Kind"] = "percent-discount";
        settings["Loyalty:Rewards:ten-off:Value"] = "10";
        settings["Loyalty:Rewards:ten-off:Cost"] = "500";
        settings["Loyalty:Rewards:ten-off:ValidFor"] = "30.00:00:00";
        settings["Loyalty:Rewards:free-shipping:Name"] = "Free shipping";
        settings["Loyalty:Rewards:free-shipping:Kind"] = "free-shipping";
        settings["Loyalty:Rewards:free-shipping:Cost"] = "200";
        settings["Loyalty:Tiers:1:FreeShipping"] = "true";
        settings["Loyalty:Tiers:2:FreeShipping"] = "true";
        settings["Loyalty:Tiers:2:EarlyAccess"] = "true";
        settings["Loyalty:Rewards:blink:Name"] = "A code that expires at once";
        settings["Loyalty:Rewards:blink:Kind"] = "fixed-discount";
        settings["Loyalty:Rewards:blink:Value"] = "5";
        settings["Loyalty:Rewards:blink:Cost"] = "1";
        settings["Loyalty:Rewards:blink:ValidFor"] = "00:00:01";
        settings["Loyalty:Capture:StoreOrigins:0"] = StoreOrigin;
        settings["Loyalty:Capture:PermitPerAddress"] = CapturesPerAddress.ToString();
        settings["Loyalty:Capture:Window"] = "00:10:00";
        settings["Loyalty:Capture:Texts:Title"] = "Take {percent} % off, friend";
        settings["Loyalty:Expiry:After"] = ExpireAfter.ToString();
        settings["Loyalty:Expiry:WarnBefore"] = WarnBefore.ToString();
        settings["Loyalty:Expiry:SweepEvery"] = "00:00:01";
        settings["Loyalty:TierReview:Grace"] = TierGrace.ToString();
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:CustomerPlatform"] = "Information";
    }

    /// <summary>A customer of their own, signed in with the claims Identity's access tokens carry.</summary>
    public (Guid CustomerId, string Email, HttpClient Client) NewCustomer()
    {
        var customerId = Guid.NewGuid();
        var email = $"Shopper.{customerId:N}@Example.com";
        var client = CreateClient(customerId, Roles.Customer);
        client.DefaultRequestHeaders.Add(TestAuthHandler.EmailHeader, email);
        return (customerId, email, client);
    }

    /// <summary>A staff member of <paramref name="role"/>, signed in with a name (what an adjustment records as its author).</summary>
    public (Guid StaffId, HttpClient Client) NewStaff(string role)
    {
        var staffId = Guid.NewGuid();
        var client = CreateClient(staffId, role);
        client.DefaultRequestHeaders.Add(TestAuthHandler.NameHeader, $"Alex {role}");
        return (staffId, client);
    }

    /// <summary>The tier emails asked of Notifications for <paramref name="email"/> so far.</summary>
    public IReadOnlyList<SendEmail> TierEmailsTo(string email) =>
        Events.All<SendEmail>(e => e.Template == EmailTemplates.LoyaltyTierUpgraded && e.To == MemberLedger.NormalizeEmail(email));

    /// <summary>A customer of their own whose sign-up Loyalty has consumed (so they have a member).</summary>
    public async Task<(Guid CustomerId, string Email, HttpClient Client)> SignedUpCustomerAsync()
    {
        var customer = NewCustomer();
        await SignUpAsync(customer.CustomerId, customer.Email);
        return customer;
    }

    /// <summary>Publishes the customer's sign-up as Identity would, and waits until they have a member.</summary>
    public async Task SignUpAsync(Guid customerId, string email)
    {
        await Bus.Publish(new CustomerSignedUp { CustomerId = customerId, Email = email, DisplayName = "Sam Shopper", SignedUpAt = DateTimeOffset.UtcNow });
        await WaitUntilAsync(db => db.Members.AnyAsync(m => m.CustomerId == customerId), $"customer {customerId}'s member");
    }

    /// <summary>Publishes the customer's address change as Identity would, and waits until their member has the new address.</summary>
    public async Task ChangeEmailAsync(Guid customerId, string oldEmail, string newEmail)
    {
        await Bus.Publish(new CustomerEmailChanged { CustomerId = customerId, OldEmail = oldEmail, NewEmail = newEmail, ChangedAt = DateTimeOffset.UtcNow });
        var address = MemberLedger.NormalizeEmail(newEmail);
        await WaitUntilAsync(db => db.Members.AnyAsync(m => m.CustomerId == customerId && m.Email == address), $"customer {customerId}'s member at {address}");
    }

    /// <summary>The customer's members (one, unless something is wrong).</summary>
    public Task<List<Member>> MembersOfAsync(Guid customerId) =>
        ReadAsync(db => db.Members.Where(m => m.CustomerId == customerId).ToListAsync());

    /// <summary>The entries of the customer's member(s), oldest first.</summary>
    public Task<List<LedgerEntry>> CustomerEntriesAsync(Guid customerId) =>
        ReadAsync(db => db.LedgerEntries
            .Where(e => db.Members.Where(m => m.CustomerId == customerId).Select(m => m.Id).Contains(e.MemberId))
            .OrderBy(e => e.RecordedAt).ThenBy(e => e.Id).ToListAsync());

    /// <summary>Publishes <paramref name="message"/> as the other services would, twice (a redelivery, or the same event published again).</summary>
    public async Task PublishTwiceAsync<T>(T message) where T : class
    {
        await Bus.Publish(message);
        await Bus.Publish(message);
    }

    public Task WaitForSourceKeyAsync(string sourceKey, TimeSpan? timeout = null) =>
        WaitUntilAsync(db => db.LedgerEntries.AnyAsync(e => e.SourceKey == sourceKey), $"the entry {sourceKey}", timeout);

    /// <summary>A client calling as the business's store: a token of the store scope naming the store, no person.</summary>
    public HttpClient Store()
    {
        var client = Service.CreateClient();
        client.DefaultRequestHeaders.Add(TestAuthHandler.UserHeader, "store-dev");
        client.DefaultRequestHeaders.Add(TestAuthHandler.ScopeHeader, "store");
        return client;
    }

    /// <summary>
    /// An order of two lines: 3 × 10.00 in "garden" (2 points per unit: 60 points) and 2 × 12.50 in "books"
    /// (×1.5: 75 points): 135 points. Placed now, so confirmed <see cref="ConfirmAfter"/> later.
    /// </summary>
    public static OrderPlaced NewOrder(Guid? customerId, string email) => new()
    {
        OrderId = $"L-{Guid.NewGuid():N}",
        Email = email,
        CustomerId = customerId,
        At = DateTimeOffset.UtcNow,
        CustomerName = "Sam Shopper",
        Currency = "EUR",
        Lines =
        [
            new OrderLineItem { Sku = "HOSE-1", Name = "Garden hose", Category = "garden", Quantity = 3, UnitPrice = 10.00m },
            new OrderLineItem { Sku = "BOOK-7", Name = "A novel", Category = "Books", Quantity = 2, UnitPrice = 12.50m },
        ],
        ShippingCost = 4.95m,
        Total = 59.95m,
        EstimatedDelivery = DateTimeOffset.UtcNow.AddDays(3),
    };

    public const long OrderPoints = 135;

    /// <summary>Publishes <paramref name="order"/> as Customers would, and waits until it earned its pending points.</summary>
    public async Task<OrderPlaced> PlaceAsync(OrderPlaced order)
    {
        await Bus.Publish(order);
        await WaitForEntryAsync(order.OrderId, LedgerKinds.PendingEarn);
        return order;
    }

    public Task<List<LedgerEntry>> EntriesAsync(string orderId) =>
        ReadAsync(db => db.LedgerEntries.Where(e => e.OrderId == orderId).OrderBy(e => e.RecordedAt).ToListAsync());

    public Task<Member?> MemberAsync(string email) =>
        ReadAsync(db => db.Members.SingleOrDefaultAsync(m => m.Email == MemberLedger.NormalizeEmail(email)));

    public static async Task<LoyaltyApi.MemberView> MeAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<LoyaltyApi.MemberView>("/api/loyalty/me"))!;

    public static async Task<List<LoyaltyApi.LedgerEntryView>> LedgerAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<List<LoyaltyApi.LedgerEntryView>>("/api/loyalty/me/ledger"))!;

    /// <summary>Gives the member of <paramref name="email"/> (the customer's) confirmed points, as a staff adjustment would.</summary>
    public Task GrantAsync(Guid customerId, string email, long points) => AdjustAsync(email, customerId, $"test:{Guid.NewGuid():N}", points);

    /// <summary>Appends an adjustment of <paramref name="points"/> under <paramref name="sourceKey"/> in a transaction of its own; true when appended.</summary>
    public async Task<bool> AdjustAsync(string email, Guid? customerId, string sourceKey, long points)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoyaltyDbContext>();
        return await db.InTransactionAsync(async () =>
        {
            var now = DateTimeOffset.UtcNow;
            var member = await MemberLedger.LockByEmailAsync(db, email, customerId, now, CancellationToken.None);
            return await MemberLedger.AppendAsync(db, member, new LedgerEntry
            {
                Id = NewId.NextGuid(), Kind = LedgerKinds.Adjustment, Points = points, Reason = "Test grant", ByName = "Test",
                SourceKey = sourceKey, At = now, RecordedAt = now,
            }, CancellationToken.None);
        }, CancellationToken.None);
    }

    /// <summary>
    /// Writes a member's past in one transaction, as their ledger would hold it: each entry recorded
    /// <c>DaysAgo</c> days ago (so a sweep sees all of it or none). The entries written, in order.
    /// </summary>
    public async Task<List<LedgerEntry>> HistoryAsync(string email, Guid? customerId, params (string Kind, long Points, long PendingPoints, double DaysAgo)[] past)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoyaltyDbContext>();
        return await db.InTransactionAsync(async () =>
        {
            var now = DateTimeOffset.UtcNow;
            var member = await MemberLedger.LockByEmailAsync(db, email, customerId, now, CancellationToken.None);
            List<LedgerEntry> written = [];
            foreach (var (kind, points, pending, daysAgo) in past)
            {
                var at = now.AddDays(-daysAgo);
                var entry = new LedgerEntry
                {
                    Id = NewId.NextGuid(), Kind = kind, Points = points, PendingPoints = pending, Reason = "Test history",
                    SourceKey = $"test:{Guid.NewGuid():N}", At = at, RecordedAt = at,
                };
                Assert.True(await MemberLedger.AppendAsync(db, member, entry, CancellationToken.None));
                written.Add(entry);
            }
            return written;
        }, CancellationToken.None);
    }

    /// <summary>Runs the expiry sweep and the tier review now, in a scope of their own (beside the service's own, every second).</summary>
    public async Task<Expiry.PointsExpiry.SweepResult> SweepAsync()
    {
        await using var scope = Service.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<Expiry.PointsExpiry>().SweepAsync(CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<TierReview>().ReviewAsync(500, CancellationToken.None);
        return result;
    }

    /// <summary>The expiry warnings asked of Notifications for <paramref name="email"/> so far.</summary>
    public IReadOnlyList<SendEmail> ExpiryEmailsTo(string email) =>
        Events.All<SendEmail>(e => e.Template == EmailTemplates.LoyaltyPointsExpiring && e.To == MemberLedger.NormalizeEmail(email));

    public async Task WaitUntilAsync(Func<LoyaltyDbContext, Task<bool>> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await ReadAsync(done))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Never saw {what}.");
            await Task.Delay(50);
        }
    }

    public Task WaitForEntryAsync(string orderId, string kind, int count = 1) =>
        WaitUntilAsync(async db => await db.LedgerEntries.CountAsync(e => e.OrderId == orderId && e.Kind == kind) >= count,
            $"{count} {kind} entr(ies) of order {orderId}");
}
