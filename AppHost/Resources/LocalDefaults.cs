using System.Net;
using System.Net.Sockets;

namespace CustomerPlatform.AppHost.Resources;

public static class LocalDefaults
{
    /// <summary>
    /// What a developer's machine needs from the AppHost: the dashboard over plain HTTP on its fixed
    /// port (no developer certificate exists here) with OTLP/HTTP for the services' telemetry, the
    /// data folder, and a clear stop when a fixed port is taken. Returns the <c>AppHost</c> settings.
    /// </summary>
    public static AppHostOptions UseLocalDefaults(this IDistributedApplicationBuilder builder)
    {
        var options = builder.GetAppHostOptions();
        Directory.CreateDirectory(options.ResolveDataDirectory());
        StartupReporter.Register(builder);
        builder.UseServicePortRange();
        if (ResourceBuilderExtensions.RandomizesPorts(builder))
            return options; // under Aspire.Hosting.Testing: no dashboard, every port random

        builder.Configuration["ASPNETCORE_URLS"] ??= $"http://localhost:{options.Ports.Dashboard}";
        builder.Configuration["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] ??= $"http://localhost:{options.Ports.DashboardOtlp}";
        builder.Configuration["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] ??= "true";
        // On Ctrl+C or SIGTERM, stop every resource before exiting (as Aspire.Hosting.Testing does), instead
        // of leaving it to DCP, which notices the AppHost gone only after about 30 s.
        builder.Configuration["DcpPublisher:WaitForResourceCleanup"] ??= "true";
        EnsureFixedPortsAreFree(options.Ports);

        return options;
    }

    private static void EnsureFixedPortsAreFree(AppHostPorts ports)
    {
        foreach (var property in typeof(AppHostPorts).GetProperties())
        {
            var port = (int)property.GetValue(ports)!;
            if (port != 0 && !IsFree(port))
            {
                throw new DistributedApplicationException(
                    $"Port {port} is already in use. Stop what uses it, or set AppHost__Ports__{property.Name} (AppHost:Ports:{property.Name}) to another port, or 0 for any free port.");
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            // Like the servers themselves (SO_REUSEADDR), ignore connections lingering in TIME_WAIT: only a listener counts.
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
