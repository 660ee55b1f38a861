using System.Diagnostics;
using CustomerPlatform.Contracts;
using CustomerPlatform.Testing;

namespace CustomerPlatform.Benchmarks;

/// <summary>
/// How a benchmark starts the whole platform through the AppHost's own model: the gateway's rate limits lifted far above
/// the load (one client address and one account send everything; children inherit this process's environment), the
/// services' logs at Warning, Ctrl+C stopping the run, and ten minutes for the platform to be healthy (on a machine
/// shared with other runs its dozen processes can take several).
/// </summary>
internal static class PlatformRun
{
    /// <summary>The started platform, or null after printing why it did not start (everything it started is stopped already).</summary>
    public static async Task<TestApplication?> StartAsync(IReadOnlyList<string> appHostArgs, bool keepData, CancellationTokenSource stop)
    {
        foreach (var partition in new[] { "PerAddress", "PerUser" })
            Environment.SetEnvironmentVariable($"Gateway__RateLimits__{partition}__PermitLimit", "100000000");
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        Console.CancelKeyPress += (_, e) =>
        {
            // Stop the run, and let disposing the application stop every process it started.
            e.Cancel = true;
            stop.Cancel();
        };

        using var start = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        start.CancelAfter(TimeSpan.FromMinutes(10));
        var clock = Stopwatch.StartNew();
        try
        {
            var started = await TestApplication.StartAppHostAsync([.. QuietConsole.Args, .. appHostArgs], [ResourceNames.Gateway], start.Token, keepData);
            Console.WriteLine($"Platform healthy after {clock.Elapsed.TotalSeconds:F1} s");
            return started;
        }
        catch (TimeoutException exception)
        {
            Console.Error.WriteLine(exception.Message);
            return null;
        }
    }
}
