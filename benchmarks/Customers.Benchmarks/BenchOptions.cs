using System.Globalization;

namespace CustomerPlatform.Customers.Benchmarks;

/// <summary>The run's options (README, Benchmarks); the sizes are the defaults.</summary>
internal sealed record BenchOptions
{
    /// <summary>The sizes the targets are stated for: a smaller run still reports, but says its figures do not count.</summary>
    public const int TargetCustomers = 100_000;
    public const int TargetEntries = 1_000_000;
    public const int TargetTimeline = 10_000;
    public const int TargetArticles = 10_000;
    public const int TargetTickets = 1_000_000;

    public int Customers { get; init; } = TargetCustomers;
    public int Entries { get; init; } = TargetEntries;
    public int Timeline { get; init; } = TargetTimeline;

    /// <summary>The help centre's articles (issue 17's search); 0 leaves that part out.</summary>
    public int Articles { get; init; } = TargetArticles;
    public int Tickets { get; init; } = TargetTickets;
    public int Requests { get; init; } = 2000;
    public int Limit { get; init; } = 50;
    public int ReadConcurrency { get; init; } = 1;
    public int OrdersDuration { get; init; } = 20;
    public int OrdersWarmup { get; init; } = 15;
    public int Concurrency { get; init; } = 16;
    public int Seed { get; init; } = 20261206;
    public bool KeepData { get; init; }
    public bool Explain { get; init; }
    public IReadOnlyList<string> AppHostArgs { get; init; } = [];

    public bool FullSize => Customers >= TargetCustomers && Entries >= TargetEntries && Timeline >= TargetTimeline;

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
                "--customers" => options with { Customers = Next() },
                "--entries" => options with { Entries = Next() },
                "--timeline" => options with { Timeline = Next() },
                "--articles" => options with { Articles = Next() },
                "--tickets" => options with { Tickets = Next() },
                "--requests" => options with { Requests = Next() },
                "--limit" => options with { Limit = Next() },
                "--read-concurrency" => options with { ReadConcurrency = Next() },
                "--orders-duration" => options with { OrdersDuration = Next() },
                "--orders-warmup" => options with { OrdersWarmup = Next() },
                "--concurrency" => options with { Concurrency = Next() },
                "--seed" => options with { Seed = Next() },
                "--keep-data" => options with { KeepData = true },
                "--explain" => options with { Explain = true },
                _ when BenchArgs.IsPlatformSetting(arg) => AddTo(options, appHostArgs, arg),
                _ => throw new ArgumentException(
                    $"Unknown option {arg}: use --customers N, --entries N, --timeline N, --articles N, --tickets N, --requests N, --limit N, --read-concurrency N, "
                    + "--orders-duration S, --orders-warmup S, --concurrency N, --seed N, --keep-data, --explain, --AppHost:Key=value, --Logging:Key=value."),
            };
        }

        options = options with { AppHostArgs = appHostArgs };
        if (options.Customers < 2 || options.Timeline < 1 || options.Entries < options.Timeline || options.Requests < 1
            || options.Articles < 0 || options.Tickets < 0 || options.Limit is < 1 or > 200 || options.ReadConcurrency < 1 || options.Concurrency < 1 || options.OrdersDuration < 0 || options.OrdersWarmup < 0)
            throw new ArgumentException("Need --customers >= 2, --entries >= --timeline >= 1, --articles >= 0, --tickets >= 0, --requests >= 1, --limit 1..200, "
                + "--read-concurrency >= 1, --concurrency >= 1, --orders-duration >= 0 and --orders-warmup >= 0.");
        return options;
    }

    private static BenchOptions AddTo(BenchOptions options, List<string> appHostArgs, string arg)
    {
        appHostArgs.Add(arg);
        return options;
    }
}
