using System.Globalization;

namespace CustomerPlatform.Loyalty.Benchmarks;

/// <summary>The run's options (README, Benchmarks); the sizes are the defaults.</summary>
internal sealed record BenchOptions
{
    /// <summary>The sizes the targets are stated for: a smaller run still reports, but says its figures do not count.</summary>
    public const int TargetMembers = 100_000;
    public const int TargetEntries = 10_000_000;

    public int Members { get; init; } = TargetMembers;
    public int Entries { get; init; } = TargetEntries;

    /// <summary>The ledger of the signed-in customer whose <c>GET /api/loyalty/me</c> is timed (among the seeded entries' count or added to it).</summary>
    public int Heavy { get; init; } = 10_000;
    public int Requests { get; init; } = 3000;

    /// <summary>Earning events (orders) published, each twice: Loyalty must apply each once.</summary>
    public int Events { get; init; } = 20_000;

    /// <summary>Publishers sending the events at once.</summary>
    public int Concurrency { get; init; } = 16;
    public int Seed { get; init; } = 20261208;
    public bool KeepData { get; init; }
    public IReadOnlyList<string> AppHostArgs { get; init; } = [];

    public bool FullSize => Members >= TargetMembers && Entries >= TargetEntries;

    /// <summary>Requests of each kind sent first and not counted: connections, JIT, plans and caches warm.</summary>
    public int Warmup => Math.Max(20, Requests / 10);

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var appHostArgs = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            int Next() => BenchArgs.WholeNumber(args, ref i);
            options = arg switch
            {
                "--members" => options with { Members = Next() },
                "--entries" => options with { Entries = Next() },
                "--heavy" => options with { Heavy = Next() },
                "--requests" => options with { Requests = Next() },
                "--events" => options with { Events = Next() },
                "--concurrency" => options with { Concurrency = Next() },
                "--seed" => options with { Seed = Next() },
                "--keep-data" => options with { KeepData = true },
                _ when BenchArgs.IsPlatformSetting(arg) => AddTo(options, appHostArgs, arg),
                _ => throw new ArgumentException(
                    $"Unknown option {arg}: use --members N, --entries N, --heavy N, --requests N, --events N, --concurrency N, --seed N, --keep-data, "
                    + "--AppHost:Key=value, --Logging:Key=value."),
            };
        }

        options = options with { AppHostArgs = appHostArgs };
        if (options.Members < 1 || options.Entries < 0 || options.Heavy < 0 || options.Requests < 1 || options.Events < 0 || options.Concurrency < 1)
            throw new ArgumentException("Need --members >= 1, --entries >= 0, --heavy >= 0, --requests >= 1, --events >= 0 and --concurrency >= 1.");
        return options;
    }

    private static BenchOptions AddTo(BenchOptions options, List<string> appHostArgs, string arg)
    {
        appHostArgs.Add(arg);
        return options;
    }
}
