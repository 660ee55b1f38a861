namespace CustomerPlatform.AppHost.Hosting;

/// <summary>Bound from the <c>AppHost</c> configuration section.</summary>
public sealed class DistributedApplicationOptions
{
    /// <summary>Where servers keep data, logs, secrets and pid files. Default: <c>&lt;repo&gt;/.apphost</c>.</summary>
    public string? DataDirectory { get; set; }

    public AppHostPorts Ports { get; set; } = new();

    /// <summary>The RabbitMQ node name (without <c>@localhost</c>). Default: <c>customerplatform-&lt;hash of the data folder&gt;</c>.</summary>
    public string? RabbitMQNodeName { get; set; }

    /// <summary>Processes per project, e.g. <c>AppHost__Replicas__identity=2</c>; a project not named runs one.</summary>
    public Dictionary<string, int> Replicas { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Comma-separated resource names to run (with what they need); empty runs the whole model.</summary>
    public string? Only { get; set; }

    /// <summary>When set, projects export telemetry there (OTLP over HTTP/protobuf).</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>ASPNETCORE_ENVIRONMENT and DOTNET_ENVIRONMENT given to projects.</summary>
    public string ProjectEnvironment { get; set; } = "Development";

    /// <summary>The MailDev entry script. Default: <c>&lt;repo&gt;/.tools/maildev/node_modules/maildev/dist/bin/maildev.js</c>.</summary>
    public string? MailDevScript { get; set; }

    /// <summary>PostgreSQL's bin folder. Default: the newest <c>/usr/lib/postgresql/*/bin</c>.</summary>
    public string? PostgresBinDirectory { get; set; }

    /// <summary>Print a status line per resource change (off under tests).</summary>
    public bool ConsoleOutput { get; set; } = true;

    /// <summary>Delete <see cref="DataDirectory"/> when the application is disposed (test runs).</summary>
    public bool DeleteDataDirectoryOnDispose { get; set; }
}
