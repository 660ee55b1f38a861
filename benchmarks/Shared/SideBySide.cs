using System.Diagnostics;

namespace CustomerPlatform.Benchmarks;

/// <summary>One kind of request: sends the i-th one and adds its latency (ms), or a failure, to <c>latencies</c>.</summary>
internal delegate Task TimedRequest(int index, Latencies latencies, CancellationToken cancellationToken);

/// <summary>
/// Runs the measured requests and their references side by side in one loop: round i sends request i of every
/// kind, in an order shuffled each round, so whatever else the machine is doing weighs on all of them alike.
/// The first <c>warmup</c> rounds are sent and not counted.
/// </summary>
internal static class SideBySide
{
    public static async Task<IReadOnlyList<Latencies>> RunAsync(
        IReadOnlyList<(string Name, TimedRequest Send)> kinds, int warmup, int requests, int clients, int seed, CancellationToken cancellationToken)
    {
        var measured = kinds.Select(k => new Latencies(k.Name, requests)).ToArray();
        var discarded = kinds.Select(k => new Latencies(k.Name, warmup)).ToArray();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(seed + client);
            var order = Enumerable.Range(0, kinds.Count).ToArray();
            for (var round = Interlocked.Increment(ref next); round < warmup + requests; round = Interlocked.Increment(ref next))
            {
                random.Shuffle(order);
                foreach (var k in order)
                    await kinds[k].Send(round, round < warmup ? discarded[k] : measured[k], cancellationToken);
            }
        }, cancellationToken)));
        return measured;
    }

    /// <summary>Milliseconds since <paramref name="started"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static double Since(long started) => Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
