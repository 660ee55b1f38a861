using Microsoft.Extensions.Logging;

namespace CustomerPlatform.AppHost.Dashboard;

/// <summary>
/// Hands the dashboard's log entries to the AppHost's logger factory. Going through a provider (rather than
/// replacing the factory) keeps the dashboard's own level filter in front of the AppHost's loggers.
/// </summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

    // The factory belongs to the AppHost; it outlives the dashboard.
    public void Dispose()
    {
    }
}
