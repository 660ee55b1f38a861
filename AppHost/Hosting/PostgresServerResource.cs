namespace CustomerPlatform.AppHost.Hosting;

/// <summary>A PostgreSQL server run from the operating system's packages.</summary>
public sealed class PostgresServerResource(string name) : Resource(name, "Postgres")
{
    internal List<PostgresDatabaseResource> Databases { get; } = [];
}
