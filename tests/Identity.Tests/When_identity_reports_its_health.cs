using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace CustomerPlatform.Identity.Tests;

/// <summary>
/// ServiceDefaults wires the database and the broker through Aspire's client integrations
/// (Aspire.Npgsql, Aspire.Npgsql.EntityFrameworkCore.PostgreSQL, Aspire.RabbitMQ.Client) and keeps our
/// pool caps and check names (ADR-012).
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class When_identity_reports_its_health(IdentityFixture fixture)
{
    [Fact]
    public async Task Should_check_each_dependency_once_under_its_connection_name()
    {
        using var client = fixture.NewClient();

        var health = await client.GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        var checks = health.GetProperty("checks").EnumerateObject().ToDictionary(check => check.Name, check => check.Value.GetProperty("status").GetString());
        // The database and the broker once each (not also as EF's context check or under Aspire's names), and the bus.
        Assert.Equal(
            new[] { "self", ResourceNames.Databases.Identity, ResourceNames.Messaging, ResourceNames.Messaging + "-bus" }.Order(StringComparer.Ordinal),
            checks.Keys.Order(StringComparer.Ordinal));
        Assert.All(checks.Values, status => Assert.Equal("Healthy", status));

        // The dependencies are readiness, not liveness: /alive runs only "self".
        Assert.Equal("Healthy", await client.GetStringAsync("/alive"));
    }

    [Fact]
    public async Task Should_leave_the_health_query_out_of_the_traces()
    {
        var statements = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => statements.Enqueue(string.Join(" ", activity.TagObjects.Select(tag => tag.Value))),
        };
        ActivitySource.AddActivityListener(listener);
        using var client = fixture.NewClient();

        Assert.Equal("Healthy", (await client.GetFromJsonAsync<JsonElement>("/health")).GetProperty("status").GetString());
        await using (var command = fixture.App.Services.GetRequiredKeyedService<NpgsqlDataSource>(ResourceNames.Databases.Identity).CreateCommand("SELECT 2"))
            await command.ExecuteScalarAsync();

        // The listener hears Npgsql (the other query is there), but not the probe's query.
        Assert.Contains(statements, statement => statement.Contains("SELECT 2", StringComparison.Ordinal));
        Assert.DoesNotContain(statements, statement => statement.Contains("SELECT 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_keep_our_pool_caps_and_retry_database_work()
    {
        var dataSource = fixture.App.Services.GetRequiredKeyedService<NpgsqlDataSource>(ResourceNames.Databases.Identity);
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        Assert.Equal(20, settings.MaxPoolSize);
        Assert.Equal(64, settings.MaxAutoPrepare);

        await using var scope = fixture.App.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        Assert.IsType<NpgsqlRetryingExecutionStrategy>(context.Database.CreateExecutionStrategy());
    }
}
