namespace CustomerPlatform.AppHost.Hosting;

/// <summary>
/// A declared piece of the model (a server, a database, a project). It only describes what to run;
/// the orchestrator's runners turn it into processes, so the model stays as plain as Aspire's.
/// </summary>
public abstract class Resource
{
    protected Resource(string name, string type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Type = type;
    }

    public string Name { get; }

    /// <summary>Postgres, PostgresDatabase, RabbitMQ, MailDev or Project (what the dashboard shows).</summary>
    public string Type { get; }

    /// <summary>The resource this one lives inside (a database's server); it is waited for implicitly.</summary>
    public virtual Resource? Parent => null;

    internal List<Resource> WaitsFor { get; } = [];

    internal List<Resource> References { get; } = [];

    internal Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Environment variables set to a project's URL, known only once its ports are chosen at start.</summary>
    internal Dictionary<string, ProjectResource> UrlEnvironment { get; } = new(StringComparer.Ordinal);

    internal List<EndpointSpec> Endpoints { get; } = [];

    /// <summary>Everything that must be declared with this resource: parent, waited-for and referenced resources.</summary>
    internal IEnumerable<Resource> Requirements =>
        WaitsFor.Concat(References).Concat(Parent is null ? [] : [Parent]).Distinct();
}
