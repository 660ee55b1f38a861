using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Aspire.Hosting.Testing;
using CustomerPlatform.AppHost.Resources;
using CustomerPlatform.Benchmarks;
using CustomerPlatform.Messaging;
using CustomerPlatform.Messaging.Benchmarks;
using CustomerPlatform.ServiceDefaults;
using CustomerPlatform.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

// Saga transitions per second through RabbitMQ: our Postgres saga repository with the consumer
// outbox and inbox, then MassTransit's in-memory repository, then pgbench single-row updates on the
// same PostgreSQL, all in one run against a throwaway PostgreSQL and RabbitMQ.
var options = BenchOptions.Parse(args);
var cores = Environment.ProcessorCount;
var limits = options.Concurrency ?? [4 * cores, 8 * cores, 16 * cores];
var total = (long)options.Sagas * options.Events;

Console.WriteLine($"Machine: {cores} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, load average {Machine.LoadAverage()}");
Console.WriteLine($"Workload: {options.Sagas} sagas x {options.Events} events = {total} transitions per run; ConcurrentMessageLimit tried: {string.Join(", ", limits)} (prefetch 2x); pgbench {options.Duration}s");

using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(120));
await using var test = await TestApplication.StartAsync(builder =>
{
    QuietConsole.Apply(builder);
    builder.AddPostgres("postgres").AddDatabase("bench");
    builder.AddRabbitMQ("messaging");
}, ["bench", "messaging"], startup.Token);
var postgres = (await test.App.GetConnectionStringAsync("bench"))!;
var amqp = (await test.App.GetConnectionStringAsync("messaging"))!;

var ours = new List<(int Limit, double Rate)>();
foreach (var limit in limits)
    ours.Add((limit, await RunPostgresAsync(limit)));
var inMemory = new List<(int Limit, double Rate)>();
foreach (var limit in limits)
    inMemory.Add((limit, await RunInMemoryAsync(limit)));

var bestOurs = ours.MaxBy(r => r.Rate);
var bestInMemory = inMemory.MaxBy(r => r.Rate);
var pgbenchClients = options.PgbenchClients ?? bestOurs.Limit;
var pgbench = await RunPgbenchAsync(pgbenchClients);

Console.WriteLine();
Console.WriteLine("Results (best of the concurrency values tried):");
Console.WriteLine($"  Postgres saga repository + outbox/inbox : {bestOurs.Rate,10:F0} transitions/s  (ConcurrentMessageLimit {bestOurs.Limit}; all: {Join(ours)})");
Console.WriteLine($"  MassTransit in-memory saga repository   : {bestInMemory.Rate,10:F0} transitions/s  (ConcurrentMessageLimit {bestInMemory.Limit}; all: {Join(inMemory)})");
Console.WriteLine($"  pgbench single-row UPDATE               : {pgbench,10:F0} TPS            ({pgbenchClients} clients, {options.Sagas} rows, {options.Duration}s)");
Console.WriteLine($"  ours / in-memory = {bestOurs.Rate / bestInMemory.Rate:F2}");
Console.WriteLine($"  ours / pgbench   = {bestOurs.Rate / pgbench:F2}");
var met = bestOurs.Rate >= 0.5 * pgbench;
Console.WriteLine($"  target ours >= 0.5 x pgbench ({0.5 * pgbench:F0}/s): {(met ? "MET" : "NOT MET")}");
Console.WriteLine($"  load average at the end: {Machine.LoadAverage()}");
return 0;

async Task<double> RunPostgresAsync(int limit)
{
    var queue = $"bench-postgres-{limit}";
    var service = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "messaging-benchmarks" });
    service.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ConnectionStrings:bench"] = postgres,
        ["ConnectionStrings:messaging"] = amqp,
        ["Logging:LogLevel:Default"] = "Warning",
        // The first migration probes a __EFMigrationsHistory that does not exist yet and EF logs that as an error.
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = Environment.GetEnvironmentVariable("BENCH_SQL") ?? "Critical",
    });
    service.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
    service.AddPostgresDbContext<BenchDbContext>("bench");
    service.AddMessaging<BenchDbContext>(bus =>
        bus.AddSagaStateMachine<BenchStateMachine, BenchState>().Endpoint(endpoint =>
        {
            endpoint.Name = queue;
            endpoint.ConcurrentMessageLimit = limit;
            endpoint.PrefetchCount = 2 * limit;
        }));
    using var host = service.Build();
    await host.StartAsync();
    try
    {
        await using var source = NpgsqlDataSource.Create(postgres);
        await Execute(source, "TRUNCATE bench_saga, messaging_inbox, messaging_outbox");
        var bus = host.Services.GetRequiredService<IBus>();
        var rate = await MeasureAsync($"postgres  limit {limit,3}", bus, queue, async () =>
        {
            await using var command = source.CreateCommand("SELECT COALESCE(SUM(\"Count\"), 0) FROM bench_saga");
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        });
        var rows = Convert.ToInt64(await Scalar(source, "SELECT COUNT(*) FROM bench_saga"), CultureInfo.InvariantCulture);
        if (rows != options.Sagas)
            throw new InvalidOperationException($"Expected {options.Sagas} saga rows, found {rows}.");
        return rate;
    }
    finally
    {
        await host.StopAsync();
    }
}

async Task<double> RunInMemoryAsync(int limit)
{
    var queue = $"bench-inmemory-{limit}";
    var service = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "messaging-benchmarks" });
    service.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
    service.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
    service.Services.AddMassTransit(bus =>
    {
        bus.AddSagaStateMachine<BenchStateMachine, BenchState>().InMemoryRepository().Endpoint(endpoint =>
        {
            endpoint.Name = queue;
            endpoint.ConcurrentMessageLimit = limit;
            endpoint.PrefetchCount = 2 * limit;
        });
        bus.UsingRabbitMq((context, rabbit) =>
        {
            rabbit.Host(new Uri(amqp));
            rabbit.ConfigureEndpoints(context);
        });
    });
    using var host = service.Build();
    await host.StartAsync();
    try
    {
        var bus = host.Services.GetRequiredService<IBus>();
        var start = BenchStateMachine.Transitions;
        return await MeasureAsync($"in-memory limit {limit,3}", bus, queue, () => Task.FromResult(BenchStateMachine.Transitions - start));
    }
    finally
    {
        await host.StopAsync();
    }
}

// Sends every tick straight to the saga's queue (round robin over the sagas, so one saga's ticks are
// apart), from concurrent senders; the clock runs from the first send until all transitions are seen.
async Task<double> MeasureAsync(string label, IBus bus, string queue, Func<Task<long>> applied)
{
    var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{queue}"));
    var ids = Enumerable.Range(0, options.Sagas).Select(_ => NewId.NextGuid()).ToArray();
    var senders = Math.Max(1, Math.Min(8, cores));
    var clock = Stopwatch.StartNew();
    var sending = Task.WhenAll(Enumerable.Range(0, senders).Select(s => Task.Run(async () =>
    {
        for (var i = s; i < total; i += senders)
            await endpoint.Send(new Tick(ids[i % options.Sagas]));
    })));
    var deadline = TimeSpan.FromSeconds(Math.Max(120, total / 20.0));
    long seen;
    while ((seen = await applied()) < total)
    {
        if (clock.Elapsed > deadline)
            throw new TimeoutException($"{label}: only {seen} of {total} transitions after {clock.Elapsed.TotalSeconds:F0}s.");
        await Task.Delay(20);
    }
    clock.Stop();
    await sending;
    var rate = total / clock.Elapsed.TotalSeconds;
    Console.WriteLine($"  {label}: {total} transitions in {clock.Elapsed.TotalSeconds,6:F2}s = {rate,8:F0}/s");
    return rate;
}

async Task<double> RunPgbenchAsync(int clients)
{
    var connection = new NpgsqlConnectionStringBuilder(postgres);
    await using (var source = NpgsqlDataSource.Create(postgres))
    {
        await Execute(source, "DROP TABLE IF EXISTS pgbench_counter");
        await Execute(source, "CREATE TABLE pgbench_counter (id integer PRIMARY KEY, n bigint NOT NULL)");
        await Execute(source, $"INSERT INTO pgbench_counter SELECT g, 0 FROM generate_series(1, {options.Sagas}) g");
    }
    var script = Path.Combine(Path.GetTempPath(), $"pgbench-{Guid.NewGuid():N}.sql");
    await File.WriteAllTextAsync(script, $"\\set id random(1, {options.Sagas})\nUPDATE pgbench_counter SET n = n + 1 WHERE id = :id;\n");
    try
    {
        var start = new ProcessStartInfo(options.Pgbench)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "-n", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", options.Duration.ToString(CultureInfo.InvariantCulture),
            "-f", script, "-h", connection.Host!, "-p", connection.Port.ToString(CultureInfo.InvariantCulture),
            "-U", connection.Username!, connection.Database!,
        })
            start.ArgumentList.Add(arg);
        start.Environment["PGPASSWORD"] = connection.Password;
        Console.WriteLine($"  pgbench: {options.Pgbench} -n -c {clients} -j 2 -T {options.Duration} -f <script> (script: \\set id random(1, {options.Sagas}); UPDATE pgbench_counter SET n = n + 1 WHERE id = :id;)");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"pgbench exited {process.ExitCode}: {await stderr}{output}");
        var line = output.Split('\n').First(l => l.StartsWith("tps = ", StringComparison.Ordinal));
        var tps = double.Parse(line["tps = ".Length..].Split(' ')[0], CultureInfo.InvariantCulture);
        Console.WriteLine($"  pgbench: {line.Trim()}");
        return tps;
    }
    finally
    {
        File.Delete(script);
    }
}

static async Task Execute(NpgsqlDataSource source, string sql)
{
    await using var command = source.CreateCommand(sql);
    await command.ExecuteNonQueryAsync();
}

static async Task<object?> Scalar(NpgsqlDataSource source, string sql)
{
    await using var command = source.CreateCommand(sql);
    return await command.ExecuteScalarAsync();
}

static string Join(IEnumerable<(int Limit, double Rate)> runs) => string.Join(", ", runs.Select(r => $"{r.Limit}: {r.Rate:F0}/s"));


internal sealed record BenchOptions(int Sagas, int Events, int[]? Concurrency, int Duration, int? PgbenchClients, string Pgbench)
{
    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions(200, 25, null, 15, null, "/usr/lib/postgresql/15/bin/pgbench");
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            o = args[i] switch
            {
                "--sagas" => o with { Sagas = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--events" => o with { Events = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--concurrency" => o with { Concurrency = Next().Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray() },
                "--duration" => o with { Duration = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--pgbench-clients" => o with { PgbenchClients = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--pgbench" => o with { Pgbench = Next() },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --sagas N --events M --concurrency a,b,c --duration S --pgbench-clients C --pgbench PATH"),
            };
        }
        return o;
    }
}
