using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using Aspire.Hosting.Testing;
using CustomerPlatform.Benchmarks;
using CustomerPlatform.Contracts;
using CustomerPlatform.Journey.LoadTest;
using CustomerPlatform.Testing;
using CustomerPlatform.Ticketing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

// The live chat under load (issue 17: "chat messages delivered agent↔customer through the gateway with p99 ≤ 200 ms at 500
// concurrent chats"). The whole platform, started here by the AppHost's own model; --chats customers sign up, verify and sign
// in through the gateway, each starts a chat, and the seeded agent takes every one from --agent-connections consoles. Then for
// --duration seconds every chat talks: one side types for a moment, sends, and waits for its answer, the sides taking turns
// with --think seconds (uniform) between messages. Each message is timed from the sender's hub call to the other side's
// ChatMessage event, over WebSockets through the gateway; beside it, in the same loop, the typing indicator, which takes
// the same path through the gateway and hub without touching the database (the reference). At the end every transcript is
// read back: a message the sender was told was sent and the ticket's thread lacks counts as lost.
//   dotnet run -c Release --project benchmarks/Chat.Benchmarks -- [--chats 500 --duration 60 --warmup 15 --think 3-7
//       --agent-connections 100 --AppHost:Key=value]
var chats = Option("--chats", 500);
var duration = TimeSpan.FromSeconds(Option("--duration", 60));
var warmup = TimeSpan.FromSeconds(Option("--warmup", 15));
var agentConnections = Math.Clamp(Option("--agent-connections", 100), 1, chats);
var think = (args.SkipWhile(a => a != "--think").Skip(1).FirstOrDefault() ?? "3-7").Split('-').Select(double.Parse).ToArray();
var appHostArgs = args.Where(a => a.StartsWith("--AppHost:", StringComparison.Ordinal) || a.StartsWith("--Logging:", StringComparison.Ordinal)).ToArray();

Console.WriteLine(Machine.Describe());
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Run: {chats} chats, {agentConnections} agent consoles, {duration.TotalSeconds:F0} s timed after {warmup.TotalSeconds:F0} s of warm-up, {think[0]}–{think[^1]} s between turns"));

// One address signs everyone up and one agent takes every chat: lift the per-address and per-user limits for the run.
foreach (var policy in new[] { "SignUp", "SignIn", "ResendVerification" })
{
    Environment.SetEnvironmentVariable($"Identity__RateLimits__{policy}__PerIp", "100000000");
    Environment.SetEnvironmentVariable($"Identity__RateLimits__{policy}__PerEmail", "100000000");
}
foreach (var partition in new[] { "PerAddress", "PerUser" })
    Environment.SetEnvironmentVariable($"Gateway__RateLimits__{partition}__PermitLimit", "100000000");
// Every chat is taken during set-up, which takes minutes: none may turn into a ticket meanwhile.
Environment.SetEnvironmentVariable("Ticketing__Chat__TakeWithin", "01:00:00");
Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");

using var start = new CancellationTokenSource(TimeSpan.FromMinutes(10));
var clock = Stopwatch.StartNew();
await using var test = await TestApplication.StartAppHostAsync([.. QuietConsole.Args, .. appHostArgs], [ResourceNames.Gateway], start.Token, keepData: false);
Console.WriteLine($"Platform healthy after {clock.Elapsed.TotalSeconds:F1} s");
var gatewayUri = test.App.GetEndpoint(ResourceNames.Gateway);
var retries = new RetryAfterHandler(new SocketsHttpHandler { MaxConnectionsPerServer = 256 });
using var gateway = new HttpClient(retries) { BaseAddress = gatewayUri, Timeout = TimeSpan.FromMinutes(2) };
await using var mail = new SharedInbox(test.App.GetEndpoint(ResourceNames.Mail, "http"));

// 1. Customers, signed up, verified and signed in through the gateway, 16 at a time.
clock.Restart();
var run = Guid.NewGuid().ToString("N")[..6];
using var signUps = new SemaphoreSlim(16);
var customers = await Task.WhenAll(Enumerable.Range(0, chats).Select(async i =>
{
    await signUps.WaitAsync();
    try
    {
        var email = $"chat.{run}.{i}@example.com";
        await Accounts.SignUpAsync(gateway, email, $"Chatter {i}");
        var token = Accounts.VerificationToken(await mail.WaitForAsync(email, found => Accounts.VerificationToken(found) is not null, TimeSpan.FromMinutes(5)))!;
        await Accounts.VerifyAsync(gateway, email, token);
        return await Accounts.SignInAsync(gateway, email);
    }
    finally
    {
        signUps.Release();
    }
}));
Console.WriteLine($"{chats} customers signed up, verified and signed in after {clock.Elapsed.TotalSeconds:F1} s");

// 2. The seeded agent: room for every chat, available.
var admin = await Accounts.SignInAsync(gateway, StaffAccounts.Admin);
var agent = await Accounts.SignInAsync(gateway, StaffAccounts.Agent);
var agentId = (await agent.GetAsync("/api/identity/me")).GetProperty("customerId").GetGuid();
await admin.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Put, $"/api/support/staff/{agentId}/routing",
    new { queues = new[] { "support" }, skills = Array.Empty<string>(), capacity = 200 });
// One account takes every chat: its capacity goes past the 200 the API allows a person, in ticketingdb directly.
await using (var ticketingDb = NpgsqlDataSource.Create((await test.App.GetConnectionStringAsync(ResourceNames.Databases.Ticketing))!))
await using (var raise = ticketingDb.CreateCommand("UPDATE staff_members SET capacity = $1 WHERE id = $2"))
{
    raise.Parameters.Add(new NpgsqlParameter { Value = chats + 100 });
    raise.Parameters.Add(new NpgsqlParameter { Value = agentId });
    if (await raise.ExecuteNonQueryAsync() != 1)
        throw new InvalidOperationException($"The seeded agent {agentId} is not in ticketingdb's staff directory.");
}
await agent.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Put, "/api/support/staff/me/availability", new { available = true });

// 3. Every side's hub connection, over WebSockets through the gateway.
var timing = new Timing();
var consoles = await Task.WhenAll(Enumerable.Range(0, agentConnections).Select(_ => ConnectAsync(gatewayUri, agent.AccessToken, AuthorRoles.Customer, timing)));
var customerHubs = new HubConnection[chats];
for (var i = 0; i < chats; i += 50)
{
    var batch = Enumerable.Range(i, Math.Min(50, chats - i)).ToArray();
    var connected = await Task.WhenAll(batch.Select(j => ConnectAsync(gatewayUri, customers[j].AccessToken, AuthorRoles.Staff, timing)));
    for (var k = 0; k < batch.Length; k++)
        customerHubs[batch[k]] = connected[k];
}

// 4. Each customer starts a chat; the agent takes it on one of their consoles; both sides watch it.
clock.Restart();
var chatIds = new Guid[chats];
using var starts = new SemaphoreSlim(16);
await Task.WhenAll(Enumerable.Range(0, chats).Select(async i =>
{
    await starts.WaitAsync();
    try
    {
        var started = await customers[i].ExpectAsync(System.Net.HttpStatusCode.Created, HttpMethod.Post, "/api/support/chats", new { message = $"Hello from chatter {i}" });
        chatIds[i] = started.GetProperty("chatId").GetGuid();
        await agent.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Post, $"/api/support/chats/{chatIds[i]}/take");
        await customerHubs[i].InvokeAsync<ChatView>("Watch", chatIds[i]);
        await consoles[i % agentConnections].InvokeAsync<ChatView>("Watch", chatIds[i]);
    }
    finally
    {
        starts.Release();
    }
}));
Console.WriteLine($"{chats} chats started and taken after {clock.Elapsed.TotalSeconds:F1} s");

// 5. Talk.
var customerToAgent = new Latencies("message, customer → agent", 100_000);
var agentToCustomer = new Latencies("message, agent → customer", 100_000);
var typingReference = new Latencies("typing, either way (reference: no database)", 200_000);
var sent = new int[chats];
var loadBefore = Machine.LoadAverage();
using var stop = new CancellationTokenSource(warmup + duration);
var timedFrom = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
clock.Restart();
await Task.WhenAll(Enumerable.Range(0, chats).Select(i => Task.Run(async () =>
{
    var random = new Random(i);
    var fromCustomer = i % 2 == 0;
    // Spread the first turns over one think time, as chats that started at different moments would be.
    await Delay(random.NextDouble() * think[^1], stop.Token);
    while (!stop.IsCancellationRequested)
    {
        var (sender, receiver) = fromCustomer ? (customerHubs[i], consoles[i % agentConnections]) : (consoles[i % agentConnections], customerHubs[i]);
        var timed = Stopwatch.GetTimestamp() >= timedFrom;
        var typing = await timing.TimeAsync($"t:{chatIds[i]}:{fromCustomer}", () => sender.InvokeAsync("Typing", chatIds[i]));
        var body = $"m:{Guid.NewGuid():N} from {(fromCustomer ? "customer" : "agent")} in chat {i}";
        var message = await timing.TimeAsync(body, () => sender.InvokeAsync<ChatMessage>("Send", chatIds[i], body));
        if (message is { } ms)
        {
            Interlocked.Increment(ref sent[i]);
            if (timed)
                (fromCustomer ? customerToAgent : agentToCustomer).Add(ms);
        }
        else if (timed)
            (fromCustomer ? customerToAgent : agentToCustomer).Fail(timing.LastError ?? "not delivered within 10 s");
        if (timed && typing is { } ts)
            typingReference.Add(ts);
        fromCustomer = !fromCustomer;
        await Delay(think[0] + random.NextDouble() * (think[^1] - think[0]), stop.Token);
    }
})));
var talked = clock.Elapsed;
var loadAfter = Machine.LoadAverage();

// 6. Nothing lost: every transcript holds the first message and every one whose send was answered.
var lost = 0;
foreach (var (chatId, i) in chatIds.Select((id, i) => (id, i)))
{
    var view = (await customers[i].GetAsync($"/api/support/chats/{chatId}"));
    var stored = view.GetProperty("messages").GetArrayLength();
    lost += Math.Max(0, 1 + sent[i] - stored);
}
await agent.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Put, "/api/support/staff/me/availability", new { available = false });
foreach (var hub in customerHubs.Concat(consoles))
    await hub.DisposeAsync();

var summaries = new[] { customerToAgent, agentToCustomer, typingReference }.Select(l => l.Summarize()).ToArray();
var messages = summaries[0].Count + summaries[1].Count;
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{chats} concurrent chats over {talked.TotalSeconds:F0} s; timed: {messages} messages ({messages / duration.TotalSeconds:F0}/s) and {summaries[2].Count} typing signals; load average {loadBefore} before, {loadAfter} after"));
Console.WriteLine("  delivery: from the sender's hub call to the other side's event, both through the gateway");
Console.WriteLine(Summary.Header[..^9]);
foreach (var summary in summaries)
    Console.WriteLine(summary.Row(1)[..^9]);
var firstFailure = customerToAgent.FirstFailure ?? agentToCustomer.FirstFailure;
Console.WriteLine($"  not delivered within 10 s: {customerToAgent.Failures + agentToCustomer.Failures}{(firstFailure is null ? "" : $" (first: {firstFailure})")}");
Console.WriteLine($"  messages missing from the transcripts: {lost}; requests sent again after 429/503: {retries.Retries}");
var p99 = Math.Max(summaries[0].P99, summaries[1].P99);
var met = p99 <= 200 && lost == 0 && customerToAgent.Failures + agentToCustomer.Failures == 0;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Target p99 ≤ 200 ms at {chats} chats, nothing lost: {(met ? "met" : "NOT met")} (p99 {p99:F1} ms)"));
return met ? 0 : 1;

int Option(string name, int fallback) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

static async Task Delay(double seconds, CancellationToken cancellationToken)
{
    try
    {
        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
    }
    catch (OperationCanceledException)
    {
    }
}

/// <summary>A hub connection through the gateway with a bearer token, telling <paramref name="timing"/> what it hears from <paramref name="other"/>.</summary>
static async Task<HubConnection> ConnectAsync(Uri gateway, string accessToken, string other, Timing timing)
{
    var connection = new HubConnectionBuilder()
        .WithUrl(new Uri(gateway, "api/support/chats/hub"), options =>
        {
            options.Transports = HttpTransportType.WebSockets;
            options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
        })
        .Build();
    connection.On<ChatMessage>(nameof(ChatMessage), message =>
    {
        if (message.Role == other)
            timing.Arrived(message.Body);
    });
    connection.On<ChatTyping>(nameof(ChatTyping), typing => timing.Arrived($"t:{typing.ChatId}:{typing.Role == AuthorRoles.Customer}"));
    await connection.StartAsync();
    return connection;
}


/// <summary>What is on its way, by key: the moment it left, and the other side's arrival.</summary>
internal sealed class Timing
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _pending = new();

    public string? LastError { get; private set; }

    /// <summary>Milliseconds from the call to the other side's event; null when it failed or never arrived.</summary>
    public async Task<double?> TimeAsync(string key, Func<Task> send)
    {
        var arrived = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[key] = arrived;
        var started = Stopwatch.GetTimestamp();
        try
        {
            await send();
            var at = await arrived.Task.WaitAsync(Patience);
            return Stopwatch.GetElapsedTime(started, at).TotalMilliseconds;
        }
        catch (Exception exception) when (exception is TimeoutException or HubException or InvalidOperationException)
        {
            LastError = exception.Message;
            return null;
        }
        finally
        {
            _pending.TryRemove(key, out _);
        }
    }

    public void Arrived(string key)
    {
        var at = Stopwatch.GetTimestamp();
        if (_pending.TryGetValue(key, out var arrived))
            arrived.TrySetResult(at);
    }
}
