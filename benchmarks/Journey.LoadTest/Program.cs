using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;
using CustomerPlatform.Contracts.Training;
using CustomerPlatform.Journey.LoadTest;
using CustomerPlatform.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Drives N onboarding journeys at once through the gateway of the whole platform (started here by the
// AppHost's own model, on ephemeral ports), from sign-up to step 11 (initial training approved), the way
// the app and staff would: the verification link read from MailDev, the details form, an admin approving
// the queue, the initial course's modules and quiz. Reports journeys per minute and p50/p99 of each step
// transition, measured with the journey's own completedAt times (see README, Benchmarks).
//   dotnet run -c Release --project benchmarks/Journey.LoadTest -- [--journeys 50] [--sign-ups-only] [--keep-data]
//       [--AppHost:Key=value ...] [--Logging:Key=value ...]
// --sign-ups-only stops after N sign-ups sent at once (sign-ups per second through the gateway, and how the
// platform answers a burst); --keep-data keeps the run's data folder (the databases) and prints where it is;
// --AppHost:… and --Logging:… options go to the AppHost (e.g. --AppHost:Replicas:identity=2, or
// --Logging:LogLevel:CustomerPlatform.AppHost.Resources=Information to see every process's output).
var journeys = 50;
var signUpsOnly = false;
var keepData = false;
var appHostArgs = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--journeys" && i + 1 < args.Length)
        journeys = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--sign-ups-only")
        signUpsOnly = true;
    else if (args[i] == "--keep-data")
        keepData = true;
    else if (args[i].StartsWith("--AppHost:", StringComparison.Ordinal) || args[i].StartsWith("--Logging:", StringComparison.Ordinal))
        appHostArgs.Add(args[i]);
    else
        throw new ArgumentException($"Unknown option {args[i]}: use --journeys N, --sign-ups-only, --keep-data, --AppHost:Key=value, --Logging:Key=value.");
}

Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores; {journeys} {(signUpsOnly ? "sign-ups" : "journeys to step 11")} at once");

// Every sign-up comes from this machine's one address: lift Identity's per-IP limits for the run
// (children inherit this process's environment; the limits stay on, far above the load).
foreach (var policy in new[] { "SignUp", "SignIn", "ResendVerification" })
{
    Environment.SetEnvironmentVariable($"Identity__RateLimits__{policy}__PerIp", "100000000");
    Environment.SetEnvironmentVariable($"Identity__RateLimits__{policy}__PerEmail", "100000000");
}
foreach (var partition in new[] { "PerAddress", "PerUser" })
    Environment.SetEnvironmentVariable($"Gateway__RateLimits__{partition}__PermitLimit", "100000000");
Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");

using (var start = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
{
    // The run's own options come after the quiet defaults, so they win.
    await using var test = await TestApplication.StartAppHostAsync([.. QuietConsole.Args, .. appHostArgs], [ResourceNames.Gateway], start.Token, keepData);
    var app = test.App;
    var retries = new RetryAfterHandler(new SocketsHttpHandler { MaxConnectionsPerServer = 256 });
    using var gateway = new HttpClient(retries)
    {
        BaseAddress = app.GetEndpoint(ResourceNames.Gateway),
        Timeout = TimeSpan.FromMinutes(2),
    };
    await using var mail = new SharedInbox(app.GetEndpoint(ResourceNames.Mail, "http"));
    if (signUpsOnly)
        await SignUpBurst.RunAsync(gateway, journeys);
    else
        await RunAsync(gateway, mail, journeys);
    Console.WriteLine($"Requests sent again after a 503/429 with Retry-After: {retries.Retries}");
    if (keepData)
        Console.WriteLine($"Data folder (kept): {app.Services.GetRequiredService<IConfiguration>()["AppHost:DataDirectory"]}");
}

static async Task RunAsync(HttpClient gateway, SharedInbox mail, int count)
{
    var admin = await Accounts.SignInAsync(gateway, StaffAccounts.Admin);
    var decisions = new ConcurrentDictionary<(Guid Customer, int Step), DateTimeOffset>();
    using var stopApprover = new CancellationTokenSource();
    var approver = Approver.RunAsync(admin, decisions, stopApprover.Token);
    var wait = TimeSpan.FromMinutes(10);
    // Every customer polls its journey while it waits, backing off to this: about 100 polls a second in all.
    var pollCeiling = TimeSpan.FromMilliseconds(Math.Max(1000, count * 10));
    var run = Guid.NewGuid().ToString("N")[..8];

    var clock = Stopwatch.StartNew();
    var results = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
    {
        var email = $"load.{run}.{i}@example.com";
        var actions = new Dictionary<int, DateTimeOffset> { [1] = DateTimeOffset.UtcNow };
        var customerId = await Accounts.SignUpAsync(gateway, email, $"Load {i}");
        // Step 3's clock starts when the link is clicked, not while the email is on its way (that is step 2).
        var token = Accounts.VerificationToken(await mail.WaitForAsync(email, found => Accounts.VerificationToken(found) is not null, wait))!;
        actions[3] = DateTimeOffset.UtcNow;
        await Accounts.VerifyAsync(gateway, email, token);
        var customer = await Accounts.SignInAsync(gateway, email);
        var journey = new JourneyClient(customer) { PollCeiling = pollCeiling };
        await journey.WaitForStepAsync("details-submitted", wait, "active");
        actions[5] = DateTimeOffset.UtcNow;
        await journey.SubmitDetailsAsync();
        await journey.WaitForCompletedAsync("initial-training-enrolled", wait);
        var result = await TrainingClient.PassAsync(customer, admin, CourseLevels.Initial);
        actions[10] = DateTimeOffset.UtcNow;
        if (!result.GetProperty("passed").GetBoolean())
            throw new InvalidOperationException($"{email} did not pass the quiz with the answer key.");
        var done = await journey.WaitForCompletedAsync("initial-training-approved", wait);
        return JourneyTimings.From(done, actions, decisions, customerId);
    }));
    var elapsed = clock.Elapsed;
    await stopApprover.CancelAsync();
    await approver;

    Console.WriteLine($"{count} journeys reached step 11 in {elapsed.TotalSeconds:F1} s: {count / elapsed.TotalMinutes:F1} journeys/min");
    JourneyTimings.Report(results);
}
