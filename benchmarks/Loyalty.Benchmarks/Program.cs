using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;
using CustomerPlatform.Journey.LoadTest;
using CustomerPlatform.Loyalty.Benchmarks;
using CustomerPlatform.Testing;
using Npgsql;

// The Loyalty service on the whole platform, started here by the AppHost's own model on ephemeral ports: loyaltydb
// seeded with members and ledger entries by binary COPY, then through the gateway the balance reads (the store's
// benefits lookup for any member, a signed-in customer's own points with a long ledger) timed side by side with a
// reference route and the same SQL straight to PostgreSQL, then earning events applied through RabbitMQ, each
// delivered twice, beside a consumer that only counts (README, Benchmarks).
//   dotnet run -c Release --project benchmarks/Loyalty.Benchmarks -- [--members 100000 --entries 10000000 --heavy 10000
//       --requests 3000 --events 20000 --concurrency 16 --seed N --keep-data --AppHost:Key=value --Logging:Key=value]
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

Console.WriteLine(Machine.Describe());
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Run: {options.Members:N0} members, {options.Entries:N0} ledger entries (+{options.Heavy:N0} for one signed-in customer), {options.Requests:N0} reads per kind after {options.Warmup:N0} warm-up; {options.Events:N0} earning events, each published twice by {options.Concurrency} publishers"));

using var stop = new CancellationTokenSource();
if (await PlatformRun.StartAsync(options.AppHostArgs, options.KeepData, stop) is not { } started)
    return 3;
await using var test = started;
var app = test.App;
var token = stop.Token;
var run = Guid.NewGuid().ToString("N")[..6];

using var gateway = new HttpClient(new RetryAfterHandler(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }))
{
    BaseAddress = app.GetEndpoint(ResourceNames.Gateway), Timeout = TimeSpan.FromMinutes(2),
};
// No command timeout: completing a COPY of millions of rows (index maintenance included) takes minutes.
await using var loyaltyDb = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder((await app.GetConnectionStringAsync(ResourceNames.Databases.Loyalty, token))!)
{
    CommandTimeout = 0,
}.ConnectionString);

// 1. Seed.
var seeded = await Task.Run(() => LedgerSeeder.Seed(loyaltyDb, options, run), token);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Seeded by binary COPY: {options.Members:N0} members in {seeded.MembersTime.TotalSeconds:F1} s, {options.Entries:N0} ledger entries in {seeded.EntriesTime.TotalSeconds:F1} s "
    + $"({options.Entries / Math.Max(seeded.EntriesTime.TotalSeconds, 0.001):N0}/s), VACUUM (ANALYZE) {seeded.VacuumTime.TotalSeconds:F1} s"));

// A real customer (signed up, verified from the email, signed in) whose member gets --heavy entries of the last year.
using var mail = new MailDevInbox(app.GetEndpoint(ResourceNames.Mail, "http"));
var email = $"heavy.{run}@bench.example";
var (customerId, customer) = await Accounts.NewCustomerAsync(gateway, mail, email, "Heavy Member", TimeSpan.FromMinutes(2));
var memberId = await WaitForMemberAsync(loyaltyDb, customerId, token);
await LedgerSeeder.AddHistoryAsync(loyaltyDb, memberId, options.Heavy, run, token);
var store = await Accounts.StoreSignInAsync(gateway, StaffAccounts.Store);
Console.WriteLine($"{email} signed up, verified and signed in; its member has {options.Heavy:N0} entries of the last year");

// 2. Balance reads, side by side.
var random = new Random(options.Seed + 1);
var picks = Enumerable.Range(0, options.Warmup + options.Requests).Select(_ => seeded.Members[random.Next(seeded.Members.Count)]).ToArray();
var expected = (options.Heavy * 10L).ToString(CultureInfo.InvariantCulture);
var reads = await SideBySide.RunAsync(
[
    ("GET /api/loyalty/members/{email}/benefits (store)", (i, latencies, ct) =>
        TimeAsync(store, $"/api/loyalty/members/{Uri.EscapeDataString(picks[i].Email)}/benefits", latencies, body => body.TryGetProperty("pointsBalance", out _), ct)),
    ("GET /api/loyalty/me (customer, long ledger)", (i, latencies, ct) =>
        TimeAsync(customer, "/api/loyalty/me", latencies, body => body.GetProperty("pointsBalance").GetRawText() == expected, ct)),
    ("reference: GET /api/loyalty/status (store)", (i, latencies, ct) =>
        TimeAsync(store, "/api/loyalty/status", latencies, _ => true, ct)),
    ("the benefits' SQL, straight to PostgreSQL", async (i, latencies, ct) =>
    {
        var started = Stopwatch.GetTimestamp();
        await BenefitsSqlAsync(loyaltyDb, picks[i].Email, ct);
        latencies.Add(SideBySide.Since(started));
    }),
], options.Warmup, options.Requests, 1, options.Seed + 2, token);
Console.WriteLine();
Console.WriteLine("Balance reads, one client, the four kinds in a random order each round:");
Console.WriteLine(Summary.Header);
foreach (var kind in reads)
{
    Console.WriteLine(kind.Summarize().Row(1));
    if (kind.Failures > 0)
        Console.WriteLine($"    {kind.Failures} failed, the first: {kind.FirstFailure}");
}

// 3. Earning events through RabbitMQ.
if (options.Events > 0)
{
    var messaging = (await app.GetConnectionStringAsync(ResourceNames.Messaging, token))!;
    var earning = await EarningRun.RunAsync(messaging, loyaltyDb, seeded.Members, options, run, token);
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Earning: {earning.Events:N0} orders, each published twice ({2 * earning.Events:N0} messages) in {earning.Published.TotalSeconds:F1} s"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  Loyalty applied every order after {earning.Applied.TotalSeconds:F1} s: {earning.Events / earning.Applied.TotalSeconds:N0} events/s ({2 * earning.Events / earning.Applied.TotalSeconds:N0} deliveries/s)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  reference: a consumer that only counts had every message after {earning.ReferenceConsumed.TotalSeconds:F1} s: {2 * earning.Events / earning.ReferenceConsumed.TotalSeconds:N0} deliveries/s"));
    Console.WriteLine($"  exactly once: {earning.Entries:N0} ledger entries and {earning.Orders:N0} order earnings for {earning.Events:N0} orders; pending points agree: {earning.PointsAgree}");
    if (earning.Entries != earning.Events || earning.Orders != earning.Events || !earning.PointsAgree)
    {
        Console.Error.WriteLine("The ledger does not hold exactly one entry per order.");
        return 1;
    }
}

if (!options.FullSize)
    Console.WriteLine($"(A smaller run than the issue's {BenchOptions.TargetMembers:N0} members and {BenchOptions.TargetEntries:N0} entries: the figures do not count against its targets.)");
return reads.Any(r => r.Failures > 0) ? 1 : 0;

static async Task TimeAsync(ApiSession session, string path, Latencies latencies, Func<JsonElement, bool> expected, CancellationToken cancellationToken)
{
    var started = Stopwatch.GetTimestamp();
    using var response = await session.SendAsync(HttpMethod.Get, path, cancellationToken: cancellationToken);
    var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
    var elapsed = SideBySide.Since(started);
    if (response.StatusCode != HttpStatusCode.OK)
        latencies.Fail($"{(int)response.StatusCode} for {path}");
    else if (!expected(JsonDocument.Parse(body).RootElement))
        latencies.Fail($"an unexpected body for {path}: {System.Text.Encoding.UTF8.GetString(body)}");
    else
        latencies.Add(elapsed);
}

// What GET .../benefits asks PostgreSQL: the member by address, then its points counting toward the tier over 12 months.
static async Task BenefitsSqlAsync(NpgsqlDataSource database, string email, CancellationToken cancellationToken)
{
    await using var connection = await database.OpenConnectionAsync(cancellationToken);
    await using var member = new NpgsqlCommand("SELECT id, balance FROM loyalty_members WHERE email = $1 LIMIT 1", connection);
    member.Parameters.Add(new NpgsqlParameter { Value = email });
    Guid id;
    await using (var reader = await member.ExecuteReaderAsync(cancellationToken))
    {
        await reader.ReadAsync(cancellationToken);
        id = reader.GetGuid(0);
    }
    await using var earned = new NpgsqlCommand(
        "SELECT coalesce(sum(points), 0) FROM ledger_entries WHERE member_id = $1 AND recorded_at >= $2 AND kind IN ('earn', 'confirm', 'reverse')", connection);
    earned.Parameters.Add(new NpgsqlParameter { Value = id });
    earned.Parameters.Add(new NpgsqlParameter { Value = DateTimeOffset.UtcNow.AddYears(-1) });
    await earned.ExecuteScalarAsync(cancellationToken);
}

static async Task<Guid> WaitForMemberAsync(NpgsqlDataSource database, Guid customerId, CancellationToken cancellationToken)
{
    var deadline = Stopwatch.StartNew();
    while (true)
    {
        await using var find = database.CreateCommand("SELECT id FROM loyalty_members WHERE customer_id = $1");
        find.Parameters.Add(new NpgsqlParameter { Value = customerId });
        if (await find.ExecuteScalarAsync(cancellationToken) is Guid id)
            return id;
        if (deadline.Elapsed > TimeSpan.FromMinutes(1))
            throw new TimeoutException($"Customer {customerId}'s sign-up made no loyalty member in a minute.");
        await Task.Delay(100, cancellationToken);
    }
}
