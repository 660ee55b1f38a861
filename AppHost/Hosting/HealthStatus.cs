namespace CustomerPlatform.AppHost.Hosting;

/// <summary>The values of the snapshots' Health column.</summary>
public static class HealthStatus
{
    public const string Healthy = "Healthy";
    public const string Unhealthy = "Unhealthy";
    public const string Unknown = "Unknown";
}
