namespace CustomerPlatform.AppHost.Hosting;

/// <summary>A database created (if missing) on its server once the server is healthy.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource server)
    : Resource(name, "PostgresDatabase")
{
    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Server { get; } = server;

    public override Resource? Parent => Server;
}
