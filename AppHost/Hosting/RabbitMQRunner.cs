namespace CustomerPlatform.AppHost.Hosting;

/// <summary>
/// A private RabbitMQ node: its own node name, ports, folders under <c>&lt;data&gt;/&lt;name&gt;</c>
/// and its own epmd (port mapper) on a free port, started and stopped with it, so two instances
/// never share an epmd and none is left behind. As root it runs as the <c>rabbitmq</c> user.
/// </summary>
/// <remarks>
/// The broker's database (mnesia) is kept between runs, like PostgreSQL's: a message that reached a
/// durable queue before the AppHost stopped is still there when it starts again. The node name is
/// derived from the data folder, so it stays the same from run to run, as mnesia requires.
/// </remarks>
internal sealed class RabbitMQRunner(RabbitMQServerResource resource, RunnerContext context)
    : ResourceRunner(resource, context), IConnectionStringSource
{
    private const string SystemUser = "rabbitmq";
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string InstallHint = "Install RabbitMQ (apt-get install rabbitmq-server).";
    private string _user = "";
    private string _password = "";
    private ChildProcess? _epmd;

    private string Root => Path.Combine(Context.DataDirectory, Resource.Name);

    private string ManagementUrl => $"http://127.0.0.1:{Port("management")}";

    public string ConnectionString => $"amqp://{_user}:{_password}@127.0.0.1:{Port("amqp")}";

    /// <summary>
    /// Long enough for a clean shutdown, which flushes the message stores and then idles for several
    /// seconds here (about 8 s measured); past it the process group is killed, and the next start
    /// recovers the stores from disk.
    /// </summary>
    protected override TimeSpan StopTimeout => TimeSpan.FromSeconds(10);

    public override void Prepare()
    {
        base.Prepare();
        _user = "cp" + SecretFile.ReadOrCreate(Path.Combine(Root, "user"), 10);
        _password = SecretFile.ReadOrCreate(Path.Combine(Root, "password"));
    }

    protected override async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var script = Executables.Existing(ServerScript, InstallHint);
        var epmd = Executables.OnPath("epmd", InstallHint);
        var user = ServiceAccount.For(SystemUser);
        var files = WriteFiles();
        await ServiceAccount.GiveAsync(Root, user, cancellationToken);
        await ServiceAccount.EnsureWritableAsync(Root, user, cancellationToken);

        var epmdPort = Context.Ports.Next();
        _epmd = StartProcess(new ProcessSpec(
            $"{Resource.Name}-epmd", epmd, ["-port", $"{epmdPort}"], new Dictionary<string, string>(), Root, user));
        await WaitForEpmdAsync(epmdPort, cancellationToken);

        var amqpPort = Port("amqp");
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = files.Home,
            ["ERL_EPMD_PORT"] = $"{epmdPort}",
            ["RABBITMQ_NODENAME"] = $"{Context.Options.RabbitMQNodeName}-{Resource.Name}@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = $"{amqpPort}",
            ["RABBITMQ_DIST_PORT"] = $"{Context.Ports.Next()}",
            ["RABBITMQ_MNESIA_BASE"] = files.Mnesia,
            ["RABBITMQ_LOG_BASE"] = files.Logs,
            ["RABBITMQ_LOGS"] = "-",
            ["RABBITMQ_CONFIG_FILE"] = files.Config,
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(Root, "advanced.config"),
            ["RABBITMQ_CONF_ENV_FILE"] = files.EnvFile,
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = files.EnabledPlugins,
            ["RABBITMQ_FEATURE_FLAGS_FILE"] = Path.Combine(files.Mnesia, "feature_flags"),
            ["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(Root, "plugins-expand"),
        };
        ShowEnvironment(environment);
        var server = StartProcess(new ProcessSpec(Resource.Name, script, [], environment, Root, user));
        AddInstance(new RunnerInstance(Resource.Name, server, $"amqp://127.0.0.1:{amqpPort}"), IsReadyAsync);
    }

    protected override async Task AfterInstancesStoppedAsync()
    {
        if (_epmd is not null)
        {
            await _epmd.StopAsync(TimeSpan.FromSeconds(2));
            _epmd = null;
        }
    }

    private async Task<bool> IsReadyAsync(CancellationToken cancellationToken) =>
        await HealthProbes.TcpAcceptsAsync(Port("amqp"), cancellationToken)
        && await HealthProbes.HttpOkAsync($"{ManagementUrl}/api/overview", cancellationToken, (_user, _password));

    private static async Task WaitForEpmdAsync(int port, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (await HealthProbes.TcpAcceptsAsync(port, cancellationToken))
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new DistributedApplicationException($"epmd did not listen on port {port} within 5 seconds.");
    }

    private (string Home, string Mnesia, string Logs, string Config, string EnvFile, string EnabledPlugins) WriteFiles()
    {
        var mnesia = Path.Combine(Root, "mnesia");
        foreach (var folder in new[] { "home", "mnesia", "log", "plugins-expand" })
        {
            Directory.CreateDirectory(Path.Combine(Root, folder));
        }

        var config = Path.Combine(Root, "rabbitmq");
        File.WriteAllText(config + ".conf", $"""
            listeners.tcp.default = 127.0.0.1:{Port("amqp")}
            management.tcp.ip = 127.0.0.1
            management.tcp.port = {Port("management")}
            default_user = {_user}
            default_pass = {_password}
            default_user_tags.administrator = true
            default_permissions.configure = .*
            default_permissions.read = .*
            default_permissions.write = .*

            """);
        SecretFile.MakePrivate(config + ".conf");
        var enabledPlugins = Path.Combine(Root, "enabled_plugins");
        File.WriteAllText(enabledPlugins, "[rabbitmq_management].\n");
        var envFile = Path.Combine(Root, "rabbitmq-env.conf"); // empty: keeps /etc/rabbitmq/rabbitmq-env.conf out
        File.WriteAllText(envFile, "");
        return (Path.Combine(Root, "home"), mnesia, Path.Combine(Root, "log"), config, envFile, enabledPlugins);
    }
}
