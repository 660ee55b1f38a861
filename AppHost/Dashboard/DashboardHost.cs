using CustomerPlatform.AppHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace CustomerPlatform.AppHost.Dashboard;

/// <summary>
/// The SRE's view of the running platform: resources, their state and console logs, and start/stop/restart,
/// served on its own port and protected by a browser token.
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    private readonly IResourceMonitor _monitor;
    private readonly DashboardOptions _options;
    private readonly ILoggerFactory? _loggerFactory;
    private WebApplication? _app;
    private Uri? _url;

    public DashboardHost(IResourceMonitor monitor, DashboardOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(options);
        _monitor = monitor;
        _options = options;
        _loggerFactory = loggerFactory;
        BrowserToken = string.IsNullOrWhiteSpace(options.BrowserToken) ? ConstantTime.NewSecret() : options.BrowserToken;
    }

    /// <summary>The secret in <see cref="LoginUrl"/>; also accepted as <c>Authorization: Bearer</c>.</summary>
    public string BrowserToken { get; }

    /// <summary>The address the dashboard actually listens on (the chosen port when configured with 0).</summary>
    public Uri Url => _url ?? throw new InvalidOperationException("The dashboard has not been started.");

    /// <summary>The link to print for the SRE: opening it signs the browser in.</summary>
    public Uri LoginUrl => new(Url, $"login?t={Uri.EscapeDataString(BrowserToken)}");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
            throw new InvalidOperationException("The dashboard is already started.");

        var app = DashboardApplication.Create(_monitor, _options, BrowserToken, _loggerFactory);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException exception) when (exception.InnerException is AddressInUseException)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException(
                $"The dashboard cannot listen on {_options.Host}:{_options.Port} because the port is already in use. " +
                "Stop whatever holds it, or choose another port with the setting AppHost:Ports:Dashboard (0 picks a free port).",
                exception);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        _app = app;
        _url = new Uri(app.Urls.First().TrimEnd('/') + "/");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
            await _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is null)
            return;

        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _app = null;
    }
}
