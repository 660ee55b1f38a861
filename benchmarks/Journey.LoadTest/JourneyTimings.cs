using System.Collections.Concurrent;
using System.Text.Json;
using CustomerPlatform.Testing;

namespace CustomerPlatform.Journey.LoadTest;

/// <summary>
/// How long each step took to complete after what set it off: the customer's or approver's request
/// (steps 1, 3, 5, 6, 10, 11) or the previous step's completion (the automatic steps 2, 4, 7, 8, 9),
/// from the journey's own completedAt times.
/// </summary>
internal sealed record JourneyTimings(IReadOnlyDictionary<int, TimeSpan> Steps)
{
    private static readonly int[] ApprovalSteps = [6, 11];

    public static JourneyTimings From(JsonElement journey, IReadOnlyDictionary<int, DateTimeOffset> actions,
        ConcurrentDictionary<(Guid Customer, int Step), DateTimeOffset> decisions, Guid customerId)
    {
        var completed = journey.GetProperty("steps").EnumerateArray()
            .Where(s => s.GetProperty("completedAt").ValueKind == JsonValueKind.String)
            .ToDictionary(s => s.GetProperty("number").GetInt32(), s => s.GetProperty("completedAt").GetDateTimeOffset());
        var steps = new Dictionary<int, TimeSpan>();
        for (var step = 1; step <= 11; step++)
        {
            DateTimeOffset? trigger = actions.TryGetValue(step, out var action) ? action
                : ApprovalSteps.Contains(step) && decisions.TryGetValue((customerId, step), out var decision) ? decision
                : completed.TryGetValue(step - 1, out var previous) ? previous : null;
            if (trigger is { } from && completed.TryGetValue(step, out var to))
                steps[step] = to - from;
        }

        return new JourneyTimings(steps);
    }

    public static void Report(IReadOnlyList<JourneyTimings> journeys)
    {
        Console.WriteLine("step | transitions | p50 ms | p99 ms | max ms");
        for (var step = 1; step <= 11; step++)
        {
            var sorted = journeys.Where(j => j.Steps.ContainsKey(step)).Select(j => j.Steps[step].TotalMilliseconds).Order().ToList();
            if (sorted.Count == 0)
                continue;
            Console.WriteLine($"{step,4} | {sorted.Count,11} | {Percentile(sorted, 0.50),6:F0} | {Percentile(sorted, 0.99),6:F0} | {sorted[^1],6:F0}");
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
