using Aspire.Hosting.ApplicationModel;

namespace CustomerPlatform.AppHost.Resources;

/// <summary>
/// A PostgreSQL server run from the Debian package as an executable resource: its cluster in
/// <c>&lt;data&gt;/&lt;name&gt;/data</c>, initialised on the first start and kept between runs, with
/// a generated password. Its connection string has the format of Aspire's PostgreSQL integration.
/// </summary>
public sealed class PostgresServerResource(string name, string command, string root, ParameterResource password)
    : ExecutableResource(name, command, root), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";

    /// <summary>The server's connection slots (PostgreSQL's default is 100; six services pool up to 20 each).</summary>
    public const int MaxConnections = 200;

    private readonly List<PostgresDatabaseResource> _databases = [];

    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>The folder holding the cluster, the sockets and the password file.</summary>
    public string Root { get; } = root;

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public IReadOnlyList<PostgresDatabaseResource> Databases => _databases;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.IPV4Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username=postgres;Password={PasswordParameter}");

    internal void Add(PostgresDatabaseResource database) => _databases.Add(database);
}

/// <summary>A database on a <see cref="PostgresServerResource"/>: created once the server is healthy, healthy while it accepts connections.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource server)
    : Resource(name), IResourceWithParent<PostgresServerResource>, IResourceWithConnectionString
{
    public PostgresServerResource Parent { get; } = server;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}
