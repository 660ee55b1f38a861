using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using CustomerPlatform.AppHost.Resources;
using CustomerPlatform.Contracts;
using CustomerPlatform.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

// Sign-ups per second and password-grant logins per second of the real Identity service (its own
// process, Kestrel, PostgreSQL, RabbitMQ, the bus outbox), driven over HTTP from this machine.
// CPU per operation (Identity's process, PostgreSQL) is read from /proc; other work on the same cores inflates it too, so run it alone.
//   dotnet run -c Release --project benchmarks/Identity.Benchmarks -- [--hash argon2id|pbkdf2] [--memory 7168] [--passes 5]
//       [--iterations 100000 (pbkdf2)] [--accounts 300] [--logins 600] [--concurrency 8] [--replicas 1]
var options = BenchOptions.Parse(args);
var cores = Environment.ProcessorCount;
Console.WriteLine($"Machine: {cores} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, load average {LoadAverage()}");
Console.WriteLine($"Hash: {options.HashName}");
Console.WriteLine($"Workload: {options.Accounts} sign-ups, then {options.Logins} password grants, {options.Concurrency} at a time, {options.Replicas} Identity replica(s)");

using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(3));
await using var test = await TestApplication.StartAsync(builder =>
{
    QuietConsole.Apply(builder);
    var db = builder.AddPostgres(ResourceNames.Postgres).AddDatabase(ResourceNames.Databases.Identity);
    var messaging = builder.AddRabbitMQ(ResourceNames.Messaging);
    var identity = builder.AddProject<Projects.CustomerPlatform_Identity>(ResourceNames.Services.Identity, project => project.ExcludeLaunchProfile = true)
        .WithHttpEndpoint(name: "http")
        .WithHttpHealthCheck("/health")
        .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
        .WithReplicas(options.Replicas)
        .WithReference(db).WaitFor(db)
        .WithReference(messaging).WaitFor(messaging)
        .WithEnvironment("Identity__PasswordHashing__Algorithm", options.Hash)
        .WithEnvironment("Identity__PasswordHashing__MemoryKiB", options.MemoryKiB.ToString(CultureInfo.InvariantCulture))
        .WithEnvironment("Identity__PasswordHashing__Iterations", options.Passes.ToString(CultureInfo.InvariantCulture))
        .WithEnvironment("Identity__PasswordHashing__Pbkdf2Iterations", options.Iterations.ToString(CultureInfo.InvariantCulture))
        .WithEnvironment("Logging__LogLevel__Default", "Warning");
    // The limits stay on (each attempt still costs its upsert), just far above this load.
    foreach (var policy in new[] { "SignUp", "SignIn" })
    {
        identity.WithEnvironment($"Identity__RateLimits__{policy}__PerIp", "100000000");
        identity.WithEnvironment($"Identity__RateLimits__{policy}__PerEmail", "100000000");
        identity.WithEnvironment($"Identity__RateLimits__{policy}__Window", "01:00:00");
    }
}, [ResourceNames.Services.Identity], startup.Token);
var app = test.App;

var cpuOf = new ProcessCpu(
    await HealthyProcessIdsAsync(ResourceNames.Services.Identity, options.Replicas, startup.Token),
    (await HealthyProcessIdsAsync(ResourceNames.Postgres, 1, startup.Token)).Single());

// Replicas share one endpoint: DCP's proxy hands each new connection to the next replica in turn.
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency * 2 })
{
    BaseAddress = app.GetEndpoint(ResourceNames.Services.Identity, "http"),
    Timeout = TimeSpan.FromMinutes(2),
};
const string Password = "benchmark-passphrase-of-some-length";
var run = Guid.NewGuid().ToString("N")[..8];
string Email(int i) => $"bench.{run}.{i}@example.com";

// Warm up JIT, pools and caches on every replica (a connection each at least).
var warmUpConcurrency = Math.Max(4, options.Replicas);
await DriveAsync(20, warmUpConcurrency, async i =>
{
    var r = await http.PostAsJsonAsync("/api/identity/signup", new { email = $"warmup.{run}.{i}@example.com", password = Password, displayName = "Warm Up" });
    return r.StatusCode == System.Net.HttpStatusCode.Accepted;
});

var cpu = cpuOf.Snapshot();
var signUps = await DriveAsync(options.Accounts, options.Concurrency, async i =>
{
    var r = await http.PostAsJsonAsync("/api/identity/signup", new { email = Email(i), password = Password, displayName = $"Bench {i}" });
    return r.StatusCode == System.Net.HttpStatusCode.Accepted;
});
var signUpCpu = cpuOf.Since(cpu);

// The benchmark verifies its accounts directly; the emailed-link path is what the tests cover.
await using (var connection = new NpgsqlConnection(await app.GetConnectionStringAsync(ResourceNames.Databases.Identity)))
{
    await connection.OpenAsync();
    await using var verify = new NpgsqlCommand($"UPDATE users SET \"EmailConfirmed\" = true WHERE \"Email\" LIKE 'bench.{run}.%'", connection);
    Console.WriteLine($"Verified {await verify.ExecuteNonQueryAsync()} accounts");
}

async Task<bool> LoginAsync(int i)
{
    var r = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["grant_type"] = "password", ["client_id"] = "platform-cli", ["username"] = Email(i % options.Accounts),
        ["password"] = Password, ["scope"] = "openid offline_access api",
    }));
    return r.IsSuccessStatusCode;
}

// The token path has its own JIT and caches to warm (OpenIddict, signing, the token tables).
await DriveAsync(20, warmUpConcurrency, LoginAsync);
cpu = cpuOf.Snapshot();
var logins = await DriveAsync(options.Logins, options.Concurrency, LoginAsync);
var loginCpu = cpuOf.Since(cpu);

var target = 2 * 15 * cores;
Console.WriteLine();
Console.WriteLine($"Results ({options.HashName}; {options.Replicas} replica(s), concurrency {options.Concurrency}):");
Console.WriteLine($"  sign-ups : {signUps.Rate,7:F1}/s wall  ({signUps.Ok}/{signUps.Count} accepted, p50 {signUps.P50:F0} ms, p95 {signUps.P95:F0} ms); {PerOperation(signUpCpu, signUps.Count)}");
Console.WriteLine($"  logins   : {logins.Rate,7:F1}/s wall  ({logins.Ok}/{logins.Count} issued tokens, p50 {logins.P50:F0} ms, p95 {logins.P95:F0} ms); {PerOperation(loginCpu, logins.Count)}");
var loginCpuMs = (loginCpu["identity"] + loginCpu["postgres"]).TotalMilliseconds / logins.Count;
Console.WriteLine($"  CPU-bound logins/s (identity + postgres CPU): {1000 / loginCpuMs * cores:F1}/s on {cores} vCPUs = {1000 / loginCpuMs:F1}/s per vCPU");
Console.WriteLine($"  target 2 x Keycloak's 15/s per vCPU = {target}/s on {cores} vCPUs, i.e. <= {1000.0 / 30:F1} ms CPU per login: {(loginCpuMs <= 1000.0 / 30 ? "MET" : "NOT MET")} by CPU; wall-clock {logins.Rate / cores:F1}/s per vCPU ({(logins.Rate >= target ? "MET" : "NOT MET")}; the load generator shares these cores)");
Console.WriteLine($"  load average at the end: {LoadAverage()}");
return logins.Ok == logins.Count && signUps.Ok == signUps.Count ? 0 : 1;

// The process id of a resource (of each of its replicas) is in its snapshot as "executable.pid": DCP starts
// the processes, so they are not this process's children. Waits until every replica is healthy.
async Task<int[]> HealthyProcessIdsAsync(string resource, int count, CancellationToken cancellationToken)
{
    var healthy = new Dictionary<string, int>();
    await foreach (var update in app.ResourceNotifications.WatchAsync(cancellationToken))
    {
        if (update.Resource.Name != resource)
            continue;
        if (update.Snapshot is { HealthStatus: HealthStatus.Healthy, Properties: var properties }
            && properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid)
            healthy[update.ResourceId] = Convert.ToInt32(pid, CultureInfo.InvariantCulture);
        else
            healthy.Remove(update.ResourceId);
        if (healthy.Count == count)
            return [.. healthy.Values];
    }

    throw new OperationCanceledException(cancellationToken);
}

static string PerOperation(Dictionary<string, TimeSpan> cpu, int count) =>
    $"CPU per op: identity {cpu["identity"].TotalMilliseconds / count:F1} ms, postgres {cpu["postgres"].TotalMilliseconds / count:F1} ms, other {cpu["other"].TotalMilliseconds / count:F1} ms";

static async Task<RunResult> DriveAsync(int count, int concurrency, Func<int, Task<bool>> call)
{
    var next = -1;
    var ok = 0;
    var latencies = new double[count];
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            var started = Stopwatch.GetTimestamp();
            if (await call(i))
                Interlocked.Increment(ref ok);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    }));
    var elapsed = clock.Elapsed.TotalSeconds;
    Array.Sort(latencies);
    return new RunResult(count, ok, count / elapsed, latencies[count / 2], latencies[(int)(count * 0.95)]);
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

internal sealed record RunResult(int Count, int Ok, double Rate, double P50, double P95);

internal sealed record BenchOptions(string Hash, int MemoryKiB, int Passes, int Iterations, int Accounts, int Logins, int Concurrency, int Replicas)
{
    public string HashName => Hash == "pbkdf2"
        ? $"PBKDF2-HMAC-SHA512 (ASP.NET Core Identity V3), {Iterations:N0} iterations"
        : $"Argon2id (libsodium), m={MemoryKiB} KiB, t={Passes}, p=1";

    public static BenchOptions Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }
        var hashIndex = Array.IndexOf(args, "--hash");
        var hash = hashIndex >= 0 && hashIndex + 1 < args.Length ? args[hashIndex + 1].ToLowerInvariant() : "argon2id";
        return new BenchOptions(hash, Get("--memory", 7 * 1024), Get("--passes", 5), Get("--iterations", 100_000), Get("--accounts", 300), Get("--logins", 600), Get("--concurrency", 8), Get("--replicas", 1));
    }
}
