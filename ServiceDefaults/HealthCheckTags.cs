namespace CustomerPlatform.ServiceDefaults;

/// <summary>
/// Tags that decide which endpoint counts a health check: <c>/alive</c> runs only the
/// <see cref="Live"/> checks, <c>/health</c> runs them all.
/// </summary>
public static class HealthCheckTags
{
    /// <summary>The process is running; a failure means restart it.</summary>
    public const string Live = "live";

    /// <summary>A dependency the service needs before it can serve requests.</summary>
    public const string Ready = "ready";
}
