using System.Diagnostics;

namespace CustomerPlatform.Customers.Benchmarks;

/// <summary>
/// The reference every read is timed beside: <c>GET /api/customers/status</c> with the same staff token, through
/// the gateway. It takes the measured requests' whole path up to the handler (the gateway checks the token's
/// signature, applies the rate limits and proxies to the Customers service, which authenticates the token again)
/// and answers a few fields from configuration: no database, so what a search or a timeline page takes beyond
/// it is the handler and its SQL.
/// </summary>
internal sealed class ReferenceRoute(FreshSession staff)
{
    public const string Name = "reference: GET /api/customers/status (gateway)";

    public async Task SendAsync(int index, Latencies latencies, CancellationToken cancellationToken)
    {
        var session = await staff.GetAsync();
        var started = Stopwatch.GetTimestamp();
        using var response = await session.SendAsync(HttpMethod.Get, "/api/customers/status", cancellationToken: cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var elapsed = SideBySide.Since(started);
        if (response.IsSuccessStatusCode)
            latencies.Add(elapsed);
        else
            latencies.Fail($"{(int)response.StatusCode}");
    }
}
