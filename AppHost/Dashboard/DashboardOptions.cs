namespace CustomerPlatform.AppHost.Dashboard;

/// <summary>Where the dashboard listens and which browser token lets a person in.</summary>
public sealed class DashboardOptions
{
    /// <summary>The TCP port; 0 lets the operating system pick a free one.</summary>
    public int Port { get; set; } = 18888;

    /// <summary>The secret in the login link; a random one is generated when left empty.</summary>
    public string BrowserToken { get; set; } = "";

    /// <summary>The IP address to bind; loopback by default so the dashboard is not reachable from the network.</summary>
    public string Host { get; set; } = "127.0.0.1";
}
