using System.Globalization;

namespace CustomerPlatform.Benchmarks;

/// <summary>One kind of request's latencies in milliseconds, and the requests that did not answer as expected.</summary>
internal sealed class Latencies(string name, int capacity)
{
    private readonly List<double> _values = new(capacity);
    private readonly Lock _lock = new();
    private int _failures;
    private string? _firstFailure;

    public string Name { get; } = name;

    public int Failures => _failures;

    public string? FirstFailure => _firstFailure;

    public void Add(double milliseconds)
    {
        lock (_lock)
            _values.Add(milliseconds);
    }

    public void Fail(string what)
    {
        Interlocked.Increment(ref _failures);
        Interlocked.CompareExchange(ref _firstFailure, what, null);
    }

    public Summary Summarize()
    {
        List<double> sorted;
        lock (_lock)
            sorted = [.. _values.Order()];
        return sorted.Count == 0
            ? new Summary(Name, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN)
            : new Summary(Name, sorted.Count, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted[^1], sorted.Average());
    }

    /// <summary>Nearest rank, as the other benchmarks count it.</summary>
    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

internal sealed record Summary(string Name, int Count, double P50, double P95, double P99, double Max, double Mean)
{
    public const string Header = "                                                     n   p50 ms   p95 ms   p99 ms   max ms    req/s";

    /// <summary>A row of the report; req/s is what <paramref name="clients"/> clients sending one after another reach at this mean latency.</summary>
    public string Row(int clients) => string.Create(CultureInfo.InvariantCulture,
        $"  {Name,-46} {Count,6} {P50,8:F1} {P95,8:F1} {P99,8:F1} {Max,8:F1} {clients * 1000 / Mean,8:F0}");
}
