namespace CustomerPlatform.AppHost.Hosting;

/// <summary>An immutable picture of one resource at one moment, as the dashboard and /api/resources show it.</summary>
/// <param name="Type">Postgres, PostgresDatabase, RabbitMQ, MailDev or Project.</param>
/// <param name="Health">Healthy, Unhealthy or Unknown (not checked yet, or not running).</param>
/// <param name="Replicas">The number of instances declared with WithReplicas (1 otherwise).</param>
/// <param name="WaitsFor">Names of the resources this one waits for.</param>
public sealed record ResourceSnapshot(
    string Name,
    string Type,
    ResourceState State,
    string Health,
    DateTimeOffset? StartedAt,
    IReadOnlyList<ResourceEndpoint> Endpoints,
    int Replicas,
    IReadOnlyList<ResourceInstance> Instances,
    IReadOnlyList<EnvironmentVariable> Environment,
    IReadOnlyList<string> WaitsFor,
    string? Parent,
    int? ExitCode,
    string? Error);

/// <summary>One process of a resource (a replica of a project, or the server process).</summary>
public sealed record ResourceInstance(string Id, int? ProcessId, ResourceState State, string Health, DateTimeOffset? StartedAt, string? Url);

/// <param name="IsExternal">True for the endpoints a person opens in a browser (gateway, dashboard, MailDev web, RabbitMQ management).</param>
public sealed record ResourceEndpoint(string Name, string Url, bool IsExternal);

/// <param name="IsSecret">True when the value holds a password or token; the dashboard masks it until revealed.</param>
public sealed record EnvironmentVariable(string Name, string Value, bool IsSecret);

/// <param name="Sequence">Increasing per resource; used to resume a live stream.</param>
/// <param name="Instance">The replica that wrote the line (e.g. identity-1), or the resource name.</param>
public sealed record LogLine(long Sequence, DateTimeOffset Timestamp, string Resource, string Instance, bool IsError, string Text);
