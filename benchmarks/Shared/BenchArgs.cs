using System.Globalization;

namespace CustomerPlatform.Benchmarks;

/// <summary>What the platform benchmarks' command lines share: whole-number values, and the settings passed on to the AppHost.</summary>
internal static class BenchArgs
{
    /// <summary>The whole number after <c>args[i]</c> (moving <paramref name="i"/> onto it), or why not.</summary>
    public static int WholeNumber(string[] args, ref int i)
    {
        if (i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            i++;
            return value;
        }
        throw new ArgumentException($"{args[i]} needs a whole number.");
    }

    /// <summary>An <c>--AppHost:Key=value</c> or <c>--Logging:Key=value</c> setting, for the AppHost's configuration.</summary>
    public static bool IsPlatformSetting(string arg) =>
        arg.StartsWith("--AppHost:", StringComparison.Ordinal) || arg.StartsWith("--Logging:", StringComparison.Ordinal);
}
