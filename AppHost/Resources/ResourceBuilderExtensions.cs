using System.Net;
using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace CustomerPlatform.AppHost.Resources;

public static class ResourceBuilderExtensions
{
    /// <summary>The <c>AppHost</c> section of the configuration, bound once per builder.</summary>
    public static AppHostOptions GetAppHostOptions(this IDistributedApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AppHostOptions.Section).Get<AppHostOptions>() ?? new AppHostOptions();
        if (RandomizesPorts(builder))
            options.Ports = new AppHostPorts { Gateway = 0, Dashboard = 0, DashboardOtlp = 0, MailDevWeb = 0, MailDevSmtp = 0, RabbitMQ = 0, RabbitMQManagement = 0, Postgres = 0 };
        return options;
    }

    /// <summary>Aspire.Hosting.Testing randomizes every proxied port; this AppHost does the same for the direct ones.</summary>
    public static bool RandomizesPorts(IDistributedApplicationBuilder builder) =>
        builder.Configuration.GetValue<bool>("DcpPublisher:RandomizePorts");

    /// <summary>
    /// A secret generated on the first run and kept in <paramref name="path"/> (under the data folder),
    /// so it outlives restarts: PostgreSQL's cluster was initialised with it. Shown masked in the dashboard.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddGeneratedSecret(this IDistributedApplicationBuilder builder, string name, string path, int length = 24) =>
        builder.AddResource(new ParameterResource(name, _ => SecretFile.ReadOrCreate(path, length), secret: true));

    /// <summary>
    /// A server's TCP endpoint. Through DCP's proxy (the Aspire default) clients connect to
    /// <paramref name="port"/> and the server listens on a port of its own; direct, the server
    /// listens on <paramref name="port"/> itself. 0 means any free port. The server's own port is
    /// chosen here, not by DCP, so configuration files can name it before the server starts.
    /// </summary>
    public static IResourceBuilder<T> WithServerEndpoint<T>(this IResourceBuilder<T> builder, string name, string scheme, int port, bool proxied)
        where T : IResourceWithEndpoints
    {
        var target = proxied || port == 0 ? FreePort() : port;
        return builder.WithEndpoint(name, endpoint =>
        {
            endpoint.UriScheme = scheme;
            endpoint.Transport = scheme == "http" ? "http" : "tcp";
            endpoint.TargetPort = target;
            endpoint.Port = proxied ? (port == 0 ? null : port) : target;
            endpoint.IsProxied = proxied;
            endpoint.TargetHost = "127.0.0.1";
        });
    }

    /// <summary>
    /// Where Aspire picks the ports of the services and the gateway (their target ports behind DCP's
    /// proxy), set by <see cref="UseServicePortRange"/>: below <see cref="ServerPortsFrom"/>.
    /// </summary>
    public const int ServicePortsFrom = 10000;

    /// <inheritdoc cref="ServicePortsFrom"/>
    public const int ServicePortsTo = ServerPortsFrom - 1;

    /// <summary>Where <see cref="FreePort"/> picks the servers' own ports: up to Linux's ephemeral range.</summary>
    public const int ServerPortsFrom = 20000;

    /// <inheritdoc cref="ServerPortsFrom"/>
    public const int ServerPortsTo = 32767;

    /// <summary>
    /// Keeps Aspire's own port choices (by default anywhere in 10000–32767) out of <see cref="FreePort"/>'s
    /// range. Both pick a port that is free at the time and hand it to a process that binds it later;
    /// Aspire leaves out the target ports named on endpoints, but not the ones only a server's arguments
    /// name (RabbitMQ's port mapper and distribution port). A service given one of those could not bind
    /// it once RabbitMQ had, and would die at start with exit code 134, as the gateway (which starts
    /// last) once did on CI.
    /// </summary>
    public static void UseServicePortRange(this IDistributedApplicationBuilder builder)
    {
        builder.Configuration["DcpPublisher:ProxylessEndpointPortRangeStart"] ??= $"{ServicePortsFrom}";
        builder.Configuration["DcpPublisher:ProxylessEndpointPortRangeEnd"] ??= $"{ServicePortsTo}";
    }

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A port free now, for a server that binds it a moment later: below Linux's ephemeral range
    /// (32768–60999), because a port the kernel hands out for port 0 comes from the range it also gives
    /// outgoing connections, and one of those can take it in that moment (RabbitMQ then fails to start);
    /// and at or above <see cref="ServerPortsFrom"/>, where Aspire picks none (<see cref="UseServicePortRange"/>).
    /// Every port is handed out once per process: all of a model's ports are chosen before any server
    /// binds one, so a port merely found free could otherwise go to two servers of the same application.
    /// </summary>
    public static int FreePort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(ServerPortsFrom, ServerPortsTo + 1);
            lock (HandedOut)
            {
                if (HandedOut.Count > 6000)
                    HandedOut.Clear(); // the servers of long-gone applications released theirs
                if (!HandedOut.Add(port))
                    continue;
            }

            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }

        using var any = new TcpListener(IPAddress.Loopback, 0);
        any.Start();
        return ((IPEndPoint)any.LocalEndpoint).Port;
    }
}
