using CustomerPlatform.AppHost.Hosting;

namespace CustomerPlatform.Dashboard.Tests;

/// <summary>A small platform to show: a Postgres server with a database, and a project with two replicas.</summary>
internal static class SamplePlatform
{
    public const string Password = "s3cret-postgres-password";

    public static FakeResourceMonitor Create()
    {
        var monitor = new FakeResourceMonitor();
        var started = DateTimeOffset.UtcNow.AddMinutes(-3);

        monitor.Set(new ResourceSnapshot(
            "postgres", "Postgres", ResourceState.Running, "Healthy", started,
            [new ResourceEndpoint("tcp", "tcp://127.0.0.1:54320", false)],
            1,
            [new ResourceInstance("postgres", 4242, ResourceState.Running, "Healthy", started, null)],
            [new EnvironmentVariable("PGPORT", "54320", false), new EnvironmentVariable("POSTGRES_PASSWORD", Password, true)],
            [], null, null, null));

        monitor.Set(new ResourceSnapshot(
            "identitydb", "PostgresDatabase", ResourceState.Running, "Healthy", started,
            [], 1, [], [], ["postgres"], "postgres", null, null));

        monitor.Set(new ResourceSnapshot(
            "identity", "Project", ResourceState.Running, "Healthy", started,
            [new ResourceEndpoint("http", "http://127.0.0.1:5101", false)],
            2,
            [
                new ResourceInstance("identity-1", 5001, ResourceState.Running, "Healthy", started, "http://127.0.0.1:5101"),
                new ResourceInstance("identity-2", 5002, ResourceState.Running, "Healthy", started, "http://127.0.0.1:5102"),
            ],
            [new EnvironmentVariable("ConnectionStrings__identitydb", $"Host=127.0.0.1;Password={Password}", true)],
            ["identitydb"], null, null, null));

        monitor.WriteLog("identity", "Now listening on: http://127.0.0.1:5101", instance: "identity-1");
        monitor.WriteLog("identity", "Now listening on: http://127.0.0.1:5102", instance: "identity-2");
        return monitor;
    }
}
