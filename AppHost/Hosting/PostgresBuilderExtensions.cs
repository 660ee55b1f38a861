using System.Text.RegularExpressions;

namespace CustomerPlatform.AppHost.Hosting;

public static partial class PostgresBuilderExtensions
{
    /// <summary>A PostgreSQL server on <c>AppHost:Ports:Postgres</c> (default 5432).</summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name)
    {
        var resource = new PostgresServerResource(name);
        resource.Endpoints.Add(new EndpointSpec("tcp", "tcp", builder.Options.Ports.Postgres, isExternal: false, "Ports:Postgres"));
        return builder.AddResource(resource);
    }

    /// <summary>A database on the server, created on start if missing; its resource name is also the database name.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> builder, string name)
    {
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain database name (lower-case letters, digits, underscores).", nameof(name));
        }

        var database = new PostgresDatabaseResource(name, name, builder.Resource);
        builder.Resource.Databases.Add(database);
        return builder.ApplicationBuilder.AddResource(database);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex DatabaseName();
}
