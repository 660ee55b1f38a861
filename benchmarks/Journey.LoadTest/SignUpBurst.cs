using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace CustomerPlatform.Journey.LoadTest;

/// <summary>
/// N sign-ups sent at once through the gateway: how long until each was accepted (a 503/429 with Retry-After
/// is sent again by <see cref="RetryAfterHandler"/>, as the app does), and sign-ups per second overall.
/// </summary>
internal static class SignUpBurst
{
    public static async Task RunAsync(HttpClient gateway, int count)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var clock = Stopwatch.StartNew();
        var accepted = await Task.WhenAll(Enumerable.Range(0, count).Select(i => SignUpAsync(gateway, $"burst.{run}.{i}@example.com", clock)));
        var elapsed = clock.Elapsed;

        var sorted = accepted.Select(t => t.TotalMilliseconds).Order().ToList();
        Console.WriteLine($"{count} sign-ups sent at once, all accepted after {elapsed.TotalSeconds:F1} s = {count / elapsed.TotalSeconds:F1} sign-ups/s");
        Console.WriteLine($"until accepted: p50 {Percentile(sorted, 0.5):F0} ms, p99 {Percentile(sorted, 0.99):F0} ms, max {sorted[^1]:F0} ms");
    }

    private static async Task<TimeSpan> SignUpAsync(HttpClient gateway, string email, Stopwatch clock)
    {
        var started = clock.Elapsed;
        using var response = await gateway.PostAsJsonAsync("/api/identity/signup", new { email, password = Testing.Accounts.DefaultPassword, displayName = "Burst" });
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw new InvalidOperationException($"Sign-up of {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return clock.Elapsed - started;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
