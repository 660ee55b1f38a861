using System.Security.Cryptography;
using System.Text;

namespace CustomerPlatform.AppHost.Resources;

/// <summary>
/// The AppHost's own settings, bound from the <c>AppHost</c> configuration section (environment
/// <c>AppHost__Ports__Gateway=8081</c>, or <c>--AppHost:Ports:Gateway=8081</c> on the command line).
/// </summary>
public sealed class AppHostOptions
{
    public const string Section = "AppHost";

    /// <summary>Where the servers keep their data and generated secrets. Default: <c>&lt;repo&gt;/.apphost</c>.</summary>
    public string? DataDirectory { get; set; }

    public AppHostPorts Ports { get; set; } = new();

    /// <summary>Run only PostgreSQL (with one database), RabbitMQ and MailDev: no services, no gateway.</summary>
    public bool InfrastructureOnly { get; set; }

    /// <summary>Processes per project, e.g. <c>AppHost__Replicas__identity=2</c>; a project not named runs one.</summary>
    public Dictionary<string, int> Replicas { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>ASPNETCORE_ENVIRONMENT given to the projects (Identity seeds the staff accounts in Development).</summary>
    public string ProjectEnvironment { get; set; } = "Development";

    /// <summary>The MailDev entry script. Default: <c>&lt;repo&gt;/.tools/maildev/node_modules/maildev/dist/bin/maildev.js</c>.</summary>
    public string? MailDevScript { get; set; }

    /// <summary>PostgreSQL's bin folder. Default: the newest <c>/usr/lib/postgresql/*/bin</c>.</summary>
    public string? PostgresBinDirectory { get; set; }

    /// <summary>
    /// Whether clients reach PostgreSQL, RabbitMQ and MailDev's SMTP through DCP's proxy (the Aspire default) or
    /// directly on the server's own port. Measured in ADR-013: direct is the default.
    /// </summary>
    public bool ProxyServers { get; set; }

    public string ResolveDataDirectory() =>
        Path.GetFullPath(DataDirectory ?? Path.Combine(RepositoryLayout.Root, ".apphost"));

    /// <summary>
    /// RabbitMQ's node name must stay the same from run to run (its database is named after it), and
    /// differ between data folders (two AppHosts, or test runs, on one machine).
    /// </summary>
    public string RabbitMQNodeName(string resourceName)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ResolveDataDirectory())))[..10];
        return $"cp-{resourceName}-{hash}";
    }
}

/// <summary>
/// The ports a developer opens in a browser or a tool. Each can be changed with
/// <c>AppHost:Ports:&lt;Name&gt;</c>; 0 means any free port. Under Aspire.Hosting.Testing every
/// proxied port is random anyway.
/// </summary>
public sealed class AppHostPorts
{
    public int Gateway { get; set; } = 8080;

    public int Dashboard { get; set; } = 18888;

    public int DashboardOtlp { get; set; } = 18889;

    public int MailDevWeb { get; set; } = 1080;

    public int MailDevSmtp { get; set; } = 1025;

    public int RabbitMQ { get; set; } = 5672;

    public int RabbitMQManagement { get; set; } = 15672;

    public int Postgres { get; set; } = 5432;
}
