using Aspire.Hosting;

namespace CustomerPlatform.Testing;

/// <summary>
/// Keeps a load run's console to its own report. Aspire.Hosting.Testing logs every resource's output
/// (PostgreSQL writes even its LOG lines to stderr, which shows as errors) and each failed health probe
/// while the servers start; this turns those off and the rest down to warnings.
/// </summary>
public static class QuietConsole
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:CustomerPlatform.AppHost.Resources"] = "None", // "<AppHost>.Resources.<resource>": the resources' output
        ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "None",
        ["Logging:LogLevel:Aspire.Hosting.Dcp.DcpHost"] = "Error", // no developer certificate: plain HTTP is what we use
    };

    /// <summary>For a model declared in the run: <c>TestApplication.StartAsync(builder => { QuietConsole.Apply(builder); … })</c>.</summary>
    public static void Apply(IDistributedApplicationBuilder builder)
    {
        foreach (var (key, value) in Settings)
            builder.Configuration[key] = value;
    }

    /// <summary>For the AppHost's own Program.cs: command-line arguments to <c>TestApplication.StartAppHostAsync</c>.</summary>
    public static string[] Args => [.. Settings.Select(setting => $"--{setting.Key}={setting.Value}")];
}
