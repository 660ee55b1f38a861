namespace CustomerPlatform.AppHost.Hosting;

/// <summary>A database has no process: it is created once its server is healthy, and healthy while it accepts connections.</summary>
internal sealed class PostgresDatabaseRunner(PostgresDatabaseResource resource, RunnerContext context)
    : ResourceRunner(resource, context), IConnectionStringSource
{
    private PostgresRunner Server => (PostgresRunner)Context.RunnerOf(resource.Server);

    public string ConnectionString => Server.ConnectionStringFor(resource.DatabaseName);

    protected override async Task LaunchAsync(CancellationToken cancellationToken)
    {
        await Server.EnsureDatabaseAsync(resource.DatabaseName, cancellationToken);
        AddInstance(new RunnerInstance(Resource.Name, process: null, url: null), ct => Server.AcceptsConnectionsAsync(resource.DatabaseName, ct));
    }
}
