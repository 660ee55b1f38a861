using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Aspire.Hosting.Testing;
using CustomerPlatform.Benchmarks;
using CustomerPlatform.Contracts;
using CustomerPlatform.Contracts.Customers.Views;
using CustomerPlatform.Customers.Benchmarks;
using CustomerPlatform.Journey.LoadTest;
using CustomerPlatform.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// The Customers service (the CRM) on the whole platform, started here by the AppHost's own model on ephemeral
// ports: customersdb seeded with Bogus customers and timeline entries by binary COPY, then, through the gateway,
// staff search with misspelt names (p50/p95/p99), a long timeline's first page, and the store's orders per
// second until every confirmation email is queued. Each read is timed side by side, in the same loop, with a
// reference: an authenticated gateway route of the same service that does no database work, and the service's
// own SQL sent straight to PostgreSQL (README, Benchmarks).
// Also the help centre's search over --articles published articles (issue 17), signed out, and the agent's queue
// views over --tickets tickets (issue 17), as the seeded agent.
//   dotnet run -c Release --project benchmarks/Customers.Benchmarks -- [--customers 100000 --entries 1000000
//       --timeline 10000 --articles 10000 --tickets 1000000 --requests 2000 --limit 50 --read-concurrency 1 --orders-duration 20 --orders-warmup 15 --concurrency 16
//       --seed N --keep-data --explain --AppHost:Key=value --Logging:Key=value]
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
    $"Run: {options.Customers:N0} customers, {options.Entries:N0} timeline entries ({options.Timeline:N0} for one customer), {options.Requests:N0} requests per kind after {options.Warmup:N0} warm-up, {options.ReadConcurrency} reading client(s); orders: {options.Concurrency} workers for {options.OrdersDuration} s after {options.OrdersWarmup} s of warm-up"));

using var stop = new CancellationTokenSource();
var missed = false;
{
    if (await PlatformRun.StartAsync(options.AppHostArgs, options.KeepData, stop) is not { } started)
        return 3;
    await using var test = started;
    var app = test.App;
    var token = stop.Token;

    var retries = new RetryAfterHandler(new SocketsHttpHandler { MaxConnectionsPerServer = 256 });
    using var gateway = new HttpClient(retries) { BaseAddress = app.GetEndpoint(ResourceNames.Gateway), Timeout = TimeSpan.FromMinutes(2) };
    await using var customersDb = NpgsqlDataSource.Create((await app.GetConnectionStringAsync(ResourceNames.Databases.Customers, token))!);
    await using var notificationsDb = NpgsqlDataSource.Create((await app.GetConnectionStringAsync(ResourceNames.Databases.Notifications, token))!);
    var run = Guid.NewGuid().ToString("N")[..6];

    // 1. Seed.
    var seeded = await Task.Run(() => Seeder.Seed(customersDb, options, run), token);
    var chosen = seeded.TimelineCustomer;
    await using (var count = customersDb.CreateCommand("SELECT count(*) FROM timeline_entries WHERE customer_id = $1"))
    {
        count.Parameters.Add(new NpgsqlParameter { Value = chosen.Id });
        var entries = (long)(await count.ExecuteScalarAsync(token))!;
        if (entries != options.Timeline)
            throw new InvalidOperationException($"Customer {chosen.Id} has {entries} timeline entries, not {options.Timeline}.");
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Seeded by binary COPY: {options.Customers:N0} customers in {seeded.CustomersTime.TotalSeconds:F1} s ({options.Customers / seeded.CustomersTime.TotalSeconds:N0}/s), "
        + $"{options.Entries:N0} timeline entries in {seeded.EntriesTime.TotalSeconds:F1} s ({options.Entries / seeded.EntriesTime.TotalSeconds:N0}/s), "
        + $"VACUUM (ANALYZE) {seeded.VacuumTime.TotalSeconds:F1} s; {chosen.DisplayName} ({chosen.Id}) has {options.Timeline:N0} entries"));

    using var staff = new FreshSession(() => Accounts.SignInAsync(gateway, StaffAccounts.Admin));
    var store = await Accounts.StoreSignInAsync(gateway, StaffAccounts.Store);
    var orders = new Orders(store, seeded.Customers, chosen, options.Seed);

    // Orders of seeded customers to look for by number; their emails are sent before anything is timed.
    var searchOrderCount = Math.Clamp(options.Customers / 100, 1, 200);
    var searchPrefix = $"SB-{run}";
    var clock = Stopwatch.StartNew();
    var searchOrders = await orders.PlaceForSearchAsync(searchPrefix, searchOrderCount, token);
    var settled = await Orders.WaitForConfirmationsAsync(notificationsDb, searchPrefix, searchOrderCount, clock, TimeSpan.FromMinutes(2), token);
    await using (var analyze = customersDb.CreateCommand("ANALYZE orders"))
        await analyze.ExecuteNonQueryAsync(token);
    Console.WriteLine($"{searchOrderCount} orders placed for seeded customers (to search by order number); their confirmations sent after {Seconds(settled.AllSent)}");

    var reference = new ReferenceRoute(staff);

    // 2. Search, beside the reference route and the same SQL straight to PostgreSQL.
    var queries = SearchQueries.Make(seeded.Customers, searchOrders, options.Warmup + options.Requests, options.Seed + 1);
    var hits = new HitRates();
    var search = await SideBySide.RunAsync(
    [
        ("GET /api/customers?q= (gateway)", async (i, latencies, ct) =>
        {
            var session = await staff.GetAsync();
            var started = Stopwatch.GetTimestamp();
            using var response = await session.SendAsync(HttpMethod.Get, $"/api/customers?q={Uri.EscapeDataString(queries[i].Text)}", cancellationToken: ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            var elapsed = SideBySide.Since(started);
            if (!response.IsSuccessStatusCode)
            {
                latencies.Fail($"{(int)response.StatusCode} for q={queries[i].Text}");
                return;
            }
            latencies.Add(elapsed);
            if (i >= options.Warmup)
                hits.Record(queries[i], JsonSerializer.Deserialize<CustomerSearchPage>(body, JsonSerializerOptions.Web)!);
        }),
        (ReferenceRoute.Name, reference.SendAsync),
        ("the same SQL, straight to PostgreSQL", async (i, latencies, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            await DirectSql.SearchAsync(customersDb, queries[i].Text, ct);
            latencies.Add(SideBySide.Since(started));
        }),
    ], options.Warmup, options.Requests, options.ReadConcurrency, options.Seed, token);
    Console.WriteLine();
    Console.WriteLine("Search (misspelt names, addresses and last names, pieces of addresses, last names, order numbers), the three kinds of request in a random order each round:");
    var searchSummaries = Report(search, options.ReadConcurrency);
    hits.Print();

    // 3. The long timeline's first page, beside the same references.
    var timelinePath = $"/api/customers/{chosen.Id}/timeline?limit={options.Limit}";
    var timeline = await SideBySide.RunAsync(
    [
        ($"GET .../{{id}}/timeline?limit={options.Limit} (gateway)", async (i, latencies, ct) =>
        {
            var session = await staff.GetAsync();
            var started = Stopwatch.GetTimestamp();
            using var response = await session.SendAsync(HttpMethod.Get, timelinePath, cancellationToken: ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            var elapsed = SideBySide.Since(started);
            if (!response.IsSuccessStatusCode)
            {
                latencies.Fail($"{(int)response.StatusCode}");
                return;
            }
            var page = JsonSerializer.Deserialize<TimelinePage>(body, JsonSerializerOptions.Web)!;
            if (page.Entries.Count != options.Limit || page.Next is null)
            {
                latencies.Fail($"a page of {page.Entries.Count} entries, next {page.Next ?? "missing"}");
                return;
            }
            latencies.Add(elapsed);
        }),
        (ReferenceRoute.Name, reference.SendAsync),
        ("the same SQL, straight to PostgreSQL", async (i, latencies, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            await DirectSql.TimelineAsync(customersDb, chosen.Id, options.Limit, ct);
            latencies.Add(SideBySide.Since(started));
        }),
    ], options.Warmup, options.Requests, options.ReadConcurrency, options.Seed + 2, token);
    Console.WriteLine();
    Console.WriteLine($"Timeline: the first {options.Limit} of {options.Timeline:N0} entries, newest first:");
    var timelineSummaries = Report(timeline, options.ReadConcurrency);

    // 4. The help centre's search (issue 17), signed out as customers read it, beside the support desk's status route and the same SQL.
    Summary[]? articleSummaries = null;
    IReadOnlyList<Latencies>? articleSearch = null;
    if (options.Articles > 0)
    {
        await using var ticketingDb = NpgsqlDataSource.Create((await app.GetConnectionStringAsync(ResourceNames.Databases.Ticketing, token))!);
        var (articles, articlesTime) = await Task.Run(() => HelpArticles.Seed(ticketingDb, options.Articles, options.Seed + 3, run), token);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Seeded by binary COPY: {options.Articles:N0} published help articles with VACUUM (ANALYZE) in {articlesTime.TotalSeconds:F1} s"));
        var articleQueries = HelpArticles.Queries(articles, options.Warmup + options.Requests, options.Seed + 4);
        var found = 0;
        articleSearch = await SideBySide.RunAsync(
        [
            ("GET /api/support/articles?q= (gateway, signed out)", async (i, latencies, ct) =>
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await gateway.GetAsync($"/api/support/articles?q={Uri.EscapeDataString(articleQueries[i])}", ct);
                var body = await response.Content.ReadAsByteArrayAsync(ct);
                var elapsed = SideBySide.Since(started);
                if (!response.IsSuccessStatusCode)
                {
                    latencies.Fail($"{(int)response.StatusCode} for q={articleQueries[i]}");
                    return;
                }
                latencies.Add(elapsed);
                if (i >= options.Warmup && body.Length > 2)
                    Interlocked.Increment(ref found);
            }),
            ("reference: GET /api/support/status (gateway, signed out)", async (i, latencies, ct) =>
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await gateway.GetAsync("/api/support/status", ct);
                await response.Content.ReadAsByteArrayAsync(ct);
                var elapsed = SideBySide.Since(started);
                if (response.IsSuccessStatusCode)
                    latencies.Add(elapsed);
                else
                    latencies.Fail($"{(int)response.StatusCode}");
            }),
            ("the same SQL, straight to PostgreSQL", async (i, latencies, ct) =>
            {
                var started = Stopwatch.GetTimestamp();
                await HelpArticles.SearchAsync(ticketingDb, articleQueries[i], ct);
                latencies.Add(SideBySide.Since(started));
            }),
        ], options.Warmup, options.Requests, options.ReadConcurrency, options.Seed + 5, token);
        Console.WriteLine();
        Console.WriteLine($"Help centre: search over {options.Articles:N0} articles as customers type (a title's words, cut short, or a question):");
        articleSummaries = Report(articleSearch, options.ReadConcurrency);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {found * 100.0 / options.Requests:F1} % of the searches found at least one article"));
    }

    // 4b. The agent's queue views (issue 17) over --tickets tickets, as the seeded agent, beside the status route.
    Summary[]? queueSummaries = null;
    IReadOnlyList<Latencies>? queueViews = null;
    if (options.Tickets > 0)
    {
        await using var ticketingDb = NpgsqlDataSource.Create((await app.GetConnectionStringAsync(ResourceNames.Databases.Ticketing, token))!);
        using var agent = new FreshSession(() => Accounts.SignInAsync(gateway, StaffAccounts.Agent));
        var agentId = (await (await agent.GetAsync()).GetAsync("/api/identity/me", token)).GetProperty("customerId").GetGuid();
        var ticketsTime = await Task.Run(() => QueueViews.Seed(ticketingDb, options.Tickets, agentId, options.Seed + 6, run), token);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Seeded by binary COPY: {options.Tickets:N0} tickets (the agent's, others', the support queue's; SLA due times on the live ones) with VACUUM (ANALYZE) in {ticketsTime.TotalSeconds:F1} s"));
        var views = QueueViews.Views.Select(view => ($"GET {view.Name} (gateway, as the agent)", (TimedRequest)(async (i, latencies, ct) =>
        {
            var session = await agent.GetAsync();
            var started = Stopwatch.GetTimestamp();
            using var response = await session.SendAsync(HttpMethod.Get, view.Path, cancellationToken: ct);
            await response.Content.ReadAsByteArrayAsync(ct);
            var elapsed = SideBySide.Since(started);
            if (response.IsSuccessStatusCode)
                latencies.Add(elapsed);
            else
                latencies.Fail($"{(int)response.StatusCode} for {view.Path}");
        }))).ToList();
        views.Add(("reference: GET /api/support/status (gateway)", async (i, latencies, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await gateway.GetAsync("/api/support/status", ct);
            await response.Content.ReadAsByteArrayAsync(ct);
            var elapsed = SideBySide.Since(started);
            if (response.IsSuccessStatusCode)
                latencies.Add(elapsed);
            else
                latencies.Fail($"{(int)response.StatusCode}");
        }));
        queueViews = await SideBySide.RunAsync(views, options.Warmup, options.Requests, options.ReadConcurrency, options.Seed + 7, token);
        Console.WriteLine();
        Console.WriteLine($"Agent's queue views over {options.Tickets:N0} tickets (first page of 50 with the total):");
        Console.WriteLine(Summary.Header);
        queueSummaries = queueViews.Select(k => k.Summarize()).ToArray();
        foreach (var summary in queueSummaries)
            Console.WriteLine(summary.Row(options.ReadConcurrency));
        foreach (var failed in queueViews.Where(k => k.Failures > 0))
            Console.WriteLine($"  {failed.Name}: {failed.Failures} failed (first: {failed.FirstFailure})");
    }

    if (options.Explain)
    {
        foreach (var kind in Enum.GetValues<QueryKind>())
        {
            if (queries.FirstOrDefault(q => q.Kind == kind) is not { } sample)
                continue;
            Console.WriteLine();
            Console.WriteLine($"EXPLAIN (ANALYZE, BUFFERS) of a search for '{sample.Text}' ({kind}), not timed:");
            Console.WriteLine(await DirectSql.ExplainSearchAsync(customersDb, sample.Text, token));
        }
        Console.WriteLine();
        Console.WriteLine("EXPLAIN (ANALYZE, BUFFERS) of the timeline's first page, not timed:");
        Console.WriteLine(await DirectSql.ExplainTimelineAsync(customersDb, chosen.Id, options.Limit, token));
    }

    // 5. Orders through the gateway, then every confirmation email queued.
    double? acceptedRate = null, endToEndRate = null;
    if (options.OrdersDuration > 0)
    {
        // The same load first, not counted: the services' hot paths reach their optimised code (tiered JIT and its
        // profile-guided recompiles take a large share of both cores for the first minutes) and the platform runs
        // as it does when orders keep coming; the confirmations it leaves are still being worked off when the count starts.
        if (options.OrdersWarmup > 0)
        {
            var warmup = await orders.LoadAsync($"LW-{run}", options.Concurrency, TimeSpan.FromSeconds(options.OrdersWarmup), token);
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Orders warm-up (not counted): {warmup.Created.Count:N0} created in {warmup.Elapsed.TotalSeconds:F1} s = {warmup.Created.Count / warmup.Elapsed.TotalSeconds:F1} orders/s"));
        }
        var loadPrefix = $"LB-{run}";
        clock.Restart();
        var load = await orders.LoadAsync(loadPrefix, options.Concurrency, TimeSpan.FromSeconds(options.OrdersDuration), token);
        var created = load.Created.Count;
        var timeout = TimeSpan.FromSeconds(Math.Max(120, 10 * options.OrdersDuration));
        var emails = await Orders.WaitForConfirmationsAsync(notificationsDb, loadPrefix, created, clock, timeout, token);
        var latency = load.Latencies.Summarize();
        acceptedRate = created / load.Elapsed.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine($"Orders: {options.Concurrency} workers PUT new orders (half for seeded customers, half guests) for {load.Elapsed.TotalSeconds:F1} s with the store's token:");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {created:N0} created (201) = {acceptedRate:F1} orders/s; latency p50 {latency.P50:F1} ms, p95 {latency.P95:F1} ms, p99 {latency.P99:F1} ms, max {latency.Max:F1} ms"));
        var others = load.Statuses.Where(s => s.Key != 201).OrderBy(s => s.Key).Select(s => $"{s.Value} x {s.Key}").ToList();
        Console.WriteLine($"  other answers: {(others.Count == 0 ? "none" : string.Join(", ", others) + $" (first: {load.FirstError})")}");
        if (emails.AllRecorded is { } recorded)
        {
            endToEndRate = created / recorded.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  every confirmation recorded by Notifications (with its first delivery attempt) {recorded.TotalSeconds:F1} s after the first order, {(recorded - load.Elapsed).TotalSeconds:F1} s after the last = {endToEndRate:F1} orders/s end to end"));
        }
        else
            Console.WriteLine($"  confirmations queued: only {emails.Recorded:N0} of {created:N0} after {timeout.TotalSeconds:F0} s");
        Console.WriteLine(emails.AllSent is { } sent
            ? $"  every confirmation sent to MailDev {sent.TotalSeconds:F1} s after the first order"
            : $"  confirmations sent to MailDev by then: {emails.Sent:N0} of {created:N0}");
    }

    // 6. The targets.
    Console.WriteLine();
    Console.WriteLine($"Targets (at {BenchOptions.TargetCustomers:N0} customers, {BenchOptions.TargetEntries:N0} entries, a {BenchOptions.TargetTimeline:N0}-entry timeline{(options.FullSize ? "" : "; THIS RUN IS SMALLER: indicative only")}):");
    missed |= !Target($"search p99 {searchSummaries[0].P99:F1} ms <= 50 ms", searchSummaries[0].P99 <= 50 && search[0].Failures == 0);
    missed |= !Target($"timeline first page p99 {timelineSummaries[0].P99:F1} ms <= 50 ms", timelineSummaries[0].P99 <= 50 && timeline[0].Failures == 0);
    if (articleSummaries is not null)
    {
        var fullArticles = options.Articles >= BenchOptions.TargetArticles;
        var articlesMet = Target(
            $"help-centre search p99 {articleSummaries[0].P99:F1} ms <= 50 ms over {options.Articles:N0} articles{(fullArticles ? "" : " (fewer than 10,000: indicative only)")}",
            articleSummaries[0].P99 <= 50 && articleSearch![0].Failures == 0);
        missed |= fullArticles && !articlesMet;
    }
    if (queueSummaries is not null)
    {
        var fullTickets = options.Tickets >= BenchOptions.TargetTickets;
        var worst = queueSummaries[..^1].MaxBy(s => s.P99)!;
        var queuesMet = Target(
            $"queue views p99 {worst.P99:F1} ms ({worst.Name}) <= 100 ms over {options.Tickets:N0} tickets{(fullTickets ? "" : " (fewer than 1,000,000: indicative only)")}",
            worst.P99 <= 100 && queueViews!.Take(queueViews!.Count - 1).All(v => v.Failures == 0));
        missed |= fullTickets && !queuesMet;
    }
    if (acceptedRate is { } accepted)
        missed |= !Target(
            $"orders {accepted:F1}/s accepted and {(endToEndRate is { } e ? e.ToString("F1", CultureInfo.InvariantCulture) : "not all")}/s with their confirmations queued >= 200/s",
            accepted >= 200 && endToEndRate >= 200);
    Console.WriteLine($"Requests sent again after a 503/429 with Retry-After: {retries.Retries}; load average at the end: {Machine.LoadAverage()}");
    if (options.KeepData)
        Console.WriteLine($"Data folder (kept): {app.Services.GetRequiredService<IConfiguration>()["AppHost:DataDirectory"]}");
}
return missed && options.FullSize ? 1 : 0;

static Summary[] Report(IReadOnlyList<Latencies> kinds, int clients)
{
    Console.WriteLine(Summary.Header);
    var summaries = kinds.Select(k => k.Summarize()).ToArray();
    foreach (var summary in summaries)
        Console.WriteLine(summary.Row(clients));
    foreach (var failed in kinds.Where(k => k.Failures > 0))
        Console.WriteLine($"  {failed.Name}: {failed.Failures} failed (first: {failed.FirstFailure})");
    var (api, reference, sql) = (summaries[0], summaries[1], summaries[2]);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  beyond the reference route: p50 +{api.P50 - reference.P50:F1} ms, p99 +{api.P99 - reference.P99:F1} ms; of which the SQL alone takes p50 {sql.P50:F1} ms, p99 {sql.P99:F1} ms"));
    return summaries;
}

static bool Target(string what, bool met)
{
    Console.WriteLine($"  {what}: {(met ? "met" : "MISSED")}");
    return met;
}

static string Seconds(TimeSpan? time) => time is { } t ? $"{t.TotalSeconds:F1} s" : "more than the wait (still sending)";

