using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CustomerPlatform.AppHost.Resources;

public static class RabbitMQBuilderExtensions
{
    private const string SystemUser = "rabbitmq";
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string InstallHint = "Install RabbitMQ (apt-get install rabbitmq-server).";

    /// <summary>Adds a RabbitMQ node with the management plugin; as root it runs as the <c>rabbitmq</c> user.</summary>
    public static IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(this IDistributedApplicationBuilder builder, string name)
    {
        var options = builder.GetAppHostOptions();
        var root = Path.Combine(options.ResolveDataDirectory(), name);
        var user = ServiceAccount.For(SystemUser);
        var script = Executables.Existing(ServerScript, InstallHint);
        var epmdProgram = Executables.OnPath("epmd", InstallHint);
        var userName = builder.AddGeneratedSecret($"{name}-username", Path.Combine(root, "user"), 10);
        var password = builder.AddGeneratedSecret($"{name}-password", Path.Combine(root, "password"));
        var server = new RabbitMQServerResource(name, user is null ? script : "setpriv", root, userName.Resource, password.Resource);

        // The port mapper runs beside the node, started and stopped by DCP like the node itself.
        var epmdPort = ResourceBuilderExtensions.FreePort();
        var distPort = ResourceBuilderExtensions.FreePort();
        // Healthy once it accepts connections: the node starts only then, and so never finds the port
        // mapper missing and starts a daemon of its own that nobody stops.
        var epmdHealthKey = $"{name}_epmd_check";
        builder.Services.AddHealthChecks().AddAsyncCheck(epmdHealthKey, async cancellationToken =>
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, epmdPort, cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (SocketException exception)
            {
                return HealthCheckResult.Unhealthy($"epmd does not accept connections on port {epmdPort} yet", exception);
            }
        }, timeout: TimeSpan.FromSeconds(5));
        var epmd = builder.AddExecutable($"{name}-epmd", epmdProgram, Directory.CreateDirectory(root).FullName, "-port", $"{epmdPort}")
            .WithParentRelationship(server)
            .WithHealthCheck(epmdHealthKey)
            .WithIconName("PlugConnected");

        var healthKey = $"{name}_check";
        builder.Services.AddHttpClient(healthKey);
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthKey,
            services => new RabbitMQHealthCheck(server, services.GetRequiredService<IHttpClientFactory>().CreateClient(healthKey)),
            HealthStatus.Unhealthy, tags: null, timeout: TimeSpan.FromSeconds(5)));

        var nodeName = $"{options.RabbitMQNodeName(name)}@localhost";
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, async (_, cancellationToken) =>
        {
            await WriteFilesAsync(server, cancellationToken);
            await ServiceAccount.GiveAsync(root, user, cancellationToken);
            await ServiceAccount.EnsureWritableAsync(root, user, cancellationToken);
        });

        return builder.AddResource(server)
            .WithServerEndpoint(RabbitMQServerResource.PrimaryEndpointName, "amqp", options.Ports.RabbitMQ, options.ProxyServers)
            .WithServerEndpoint(RabbitMQServerResource.ManagementEndpointName, "http", options.Ports.RabbitMQManagement, proxied: true)
            .WithArgs(context =>
            {
                if (user is null)
                    return;
                foreach (var part in ServiceAccount.SwitchUserPrefix(user))
                    context.Args.Add(part);
                context.Args.Add(script);
            })
            .WithEnvironment(context =>
            {
                var files = Files(root);
                context.EnvironmentVariables["HOME"] = files.Home;
                context.EnvironmentVariables["ERL_EPMD_PORT"] = $"{epmdPort}";
                // The node and its CLI tools use the port mapper above and never start one themselves.
                context.EnvironmentVariables["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-start_epmd false";
                context.EnvironmentVariables["RABBITMQ_CTL_ERL_ARGS"] = "-start_epmd false";
                context.EnvironmentVariables["RABBITMQ_NODENAME"] = nodeName;
                context.EnvironmentVariables["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
                context.EnvironmentVariables["RABBITMQ_NODE_PORT"] = server.PrimaryEndpoint.Property(EndpointProperty.TargetPort);
                context.EnvironmentVariables["RABBITMQ_DIST_PORT"] = $"{distPort}";
                context.EnvironmentVariables["RABBITMQ_MNESIA_BASE"] = files.Mnesia;
                context.EnvironmentVariables["RABBITMQ_LOG_BASE"] = files.Logs;
                context.EnvironmentVariables["RABBITMQ_LOGS"] = "-";
                context.EnvironmentVariables["RABBITMQ_CONFIG_FILE"] = files.Config;
                context.EnvironmentVariables["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(root, "advanced.config");
                context.EnvironmentVariables["RABBITMQ_CONF_ENV_FILE"] = files.EnvFile; // empty: keeps /etc/rabbitmq/rabbitmq-env.conf out
                context.EnvironmentVariables["RABBITMQ_ENABLED_PLUGINS_FILE"] = files.EnabledPlugins;
                context.EnvironmentVariables["RABBITMQ_FEATURE_FLAGS_FILE"] = Path.Combine(files.Mnesia, "feature_flags");
                context.EnvironmentVariables["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(root, "plugins-expand");
            })
            .WaitFor(epmd)
            .WithHealthCheck(healthKey)
            .WithIconName("Mailbox");
    }

    private sealed record RabbitFiles(string Home, string Mnesia, string Logs, string Config, string EnvFile, string EnabledPlugins);

    private static RabbitFiles Files(string root) => new(
        Path.Combine(root, "home"), Path.Combine(root, "mnesia"), Path.Combine(root, "log"),
        Path.Combine(root, "rabbitmq"), Path.Combine(root, "rabbitmq-env.conf"), Path.Combine(root, "enabled_plugins"));

    private static async Task WriteFilesAsync(RabbitMQServerResource server, CancellationToken cancellationToken)
    {
        var files = Files(server.Root);
        foreach (var folder in new[] { files.Home, files.Mnesia, files.Logs, Path.Combine(server.Root, "plugins-expand") })
            Directory.CreateDirectory(folder);

        var user = await server.UserNameParameter.GetValueAsync(cancellationToken);
        var password = await server.PasswordParameter.GetValueAsync(cancellationToken);
        var management = server.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == RabbitMQServerResource.ManagementEndpointName);
        await File.WriteAllTextAsync(files.Config + ".conf", $"""
            listeners.tcp.default = 127.0.0.1:{server.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == RabbitMQServerResource.PrimaryEndpointName).TargetPort}
            management.tcp.ip = 127.0.0.1
            management.tcp.port = {management.TargetPort}
            default_user = {user}
            default_pass = {password}
            default_user_tags.administrator = true
            default_permissions.configure = .*
            default_permissions.read = .*
            default_permissions.write = .*

            """, cancellationToken);
        SecretFile.MakePrivate(files.Config + ".conf");
        await File.WriteAllTextAsync(files.EnabledPlugins, "[rabbitmq_management].\n", cancellationToken);
        await File.WriteAllTextAsync(files.EnvFile, "", cancellationToken);
    }
}

/// <summary>Healthy when the management API answers for the generated user (the node and its plugin are up).</summary>
internal sealed class RabbitMQHealthCheck(RabbitMQServerResource server, HttpClient http) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var user = await server.UserNameParameter.GetValueAsync(cancellationToken);
            var password = await server.PasswordParameter.GetValueAsync(cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{server.ManagementEndpoint.Url}/api/overview");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"The management API answered {(int)response.StatusCode}.");
        }
        catch (HttpRequestException exception)
        {
            return HealthCheckResult.Unhealthy(exception.Message, exception);
        }
    }
}
