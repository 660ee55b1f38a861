using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using CustomerPlatform.AppHost.Resources;
using CustomerPlatform.Contracts;
using CustomerPlatform.Testing;

namespace CustomerPlatform.TestSupport;

/// <summary>A server a test needs: a PostgreSQL database, RabbitMQ or MailDev, under the name services read it by.</summary>
public sealed record TestServer
{
    private TestServer(TestServerKind kind, string name, string? host = null)
    {
        Kind = kind;
        Name = name;
        Host = host;
    }

    public TestServerKind Kind { get; }

    /// <summary>The resource's name: <c>ConnectionStrings:{Name}</c> is its connection string.</summary>
    public string Name { get; }

    /// <summary>For a database, the PostgreSQL server it is on.</summary>
    public string? Host { get; }

    public static TestServer Postgres(string database, string server = ResourceNames.Postgres) => new(TestServerKind.Postgres, database, server);

    public static TestServer RabbitMq(string name = ResourceNames.Messaging) => new(TestServerKind.RabbitMq, name);

    public static TestServer MailDev(string name = ResourceNames.Mail) => new(TestServerKind.MailDev, name);
}

public enum TestServerKind
{
    Postgres,
    RabbitMq,
    MailDev,
}

/// <summary>
/// Real PostgreSQL, RabbitMQ and MailDev for one test fixture, on ephemeral ports and a temporary data
/// folder, started and healthy: the AppHost's own resources run by Aspire (DCP) through
/// Aspire.Hosting.Testing. The one place the service tests start servers.
/// </summary>
public sealed class TestServers : IAsyncDisposable
{
    private static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(90);

    private readonly TestApplication _test;
    private readonly Dictionary<string, string?> _connectionStrings;

    private TestServers(TestApplication test, Dictionary<string, string?> connectionStrings)
    {
        _test = test;
        _connectionStrings = connectionStrings;
    }

    /// <summary>The servers' connection strings as service settings: <c>ConnectionStrings:{name}</c>.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ConnectionStringSettings =>
        _connectionStrings.Select(c => KeyValuePair.Create($"ConnectionStrings:{c.Key}", c.Value));

    public static Task<TestServers> StartAsync(params TestServer[] servers) => StartAsync(DefaultStartTimeout, servers);

    /// <summary>Starts <paramref name="servers"/> and waits, up to <paramref name="startTimeout"/>, until every one is healthy.</summary>
    public static async Task<TestServers> StartAsync(TimeSpan startTimeout, params TestServer[] servers)
    {
        using var timeout = new CancellationTokenSource(startTimeout);
        var test = await TestApplication.StartAsync(builder =>
        {
            foreach (var postgres in servers.Where(s => s.Kind == TestServerKind.Postgres).GroupBy(s => s.Host!))
            {
                var server = builder.AddPostgres(postgres.Key);
                foreach (var database in postgres)
                    server.AddDatabase(database.Name);
            }

            foreach (var server in servers)
            {
                if (server.Kind == TestServerKind.RabbitMq)
                    builder.AddRabbitMQ(server.Name);
                else if (server.Kind == TestServerKind.MailDev)
                    builder.AddMailDev(server.Name);
            }
        }, [.. servers.Select(s => s.Name)], timeout.Token);

        try
        {
            var connectionStrings = new Dictionary<string, string?>();
            foreach (var server in servers)
                connectionStrings[server.Name] = await test.App.GetConnectionStringAsync(server.Name, timeout.Token);
            return new TestServers(test, connectionStrings);
        }
        catch
        {
            await test.DisposeAsync();
            throw;
        }
    }

    public string ConnectionString(string name) =>
        _connectionStrings.TryGetValue(name, out var value) && value is not null
            ? value
            : throw new ArgumentException($"No server '{name}' here (there are: {string.Join(", ", _connectionStrings.Keys)}).", nameof(name));

    /// <summary>The URL of one of a server's endpoints, e.g. MailDev's "http" or RabbitMQ's "management".</summary>
    public Uri GetEndpoint(string name, string endpointName = "http") => _test.App.GetEndpoint(name, endpointName);

    /// <summary>Stops a server through Aspire's stop command, as if it went down; throws when the command fails.</summary>
    public Task StopServerAsync(string name, CancellationToken cancellationToken = default) =>
        ResourceControl.CommandAsync(_test.App, name, KnownResourceCommands.StopCommand, cancellationToken);

    /// <summary>Starts a stopped server again through Aspire's start command (then see <see cref="WaitUntilHealthyAsync"/>).</summary>
    public Task StartServerAsync(string name, CancellationToken cancellationToken = default) =>
        ResourceControl.CommandAsync(_test.App, name, KnownResourceCommands.StartCommand, cancellationToken);

    public Task WaitUntilHealthyAsync(string name, CancellationToken cancellationToken = default) =>
        _test.App.ResourceNotifications.WaitForResourceHealthyAsync(name, WaitBehavior.WaitOnResourceUnavailable, cancellationToken);

    public ValueTask DisposeAsync() => _test.DisposeAsync();
}
