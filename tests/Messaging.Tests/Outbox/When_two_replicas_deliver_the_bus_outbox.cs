using CustomerPlatform.Messaging.Tests.Counter;
using CustomerPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CustomerPlatform.Messaging.Tests.Outbox;

/// <summary>
/// Two replicas of a service share one database: the fixture's host commits a thousand events to the bus
/// outbox at once, and a second host's delivery service (small batches, polling every few milliseconds)
/// competes with the fixture's to send them. The events, all of one correlation id, still leave, and arrive, in commit order,
/// although each batch sends without waiting for the confirms one by one (ADR-023).
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class When_two_replicas_deliver_the_bus_outbox(MessagingFixture fixture)
{
    private const int Count = 1000;

    [Fact]
    public async Task Should_send_the_rows_in_the_order_they_were_committed()
    {
        using var replica = BuildReplica();
        await replica.StartAsync();
        try
        {
            var runId = Guid.NewGuid();
            await using (var scope = fixture.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<CounterDbContext>();
                var publish = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
                for (var n = 1; n <= Count; n++)
                    await publish.Publish(new Numbered(runId, n));
                await db.SaveChangesAsync();
            }

            await When_a_consumer_runs_behind_the_outbox.WaitUntilAsync(
                () => NumberedConsumer.Received.TryGetValue(runId, out var seen) && seen.Count >= Count, TimeSpan.FromSeconds(120));
            await Task.Delay(500);

            var received = NumberedConsumer.Received[runId].ToArray();
            Assert.Equal(Count, received.Length);
            Assert.Equal(Enumerable.Range(1, Count), received);
        }
        finally
        {
            await replica.StopAsync();
        }
    }

    /// <summary>The second replica: the same DbContext and database, eager delivery in small batches, and the one ordered consumer.</summary>
    private IHost BuildReplica()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "messaging-tests-replica" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:sagas"] = fixture.PostgresConnectionString,
            ["ConnectionStrings:messaging"] = fixture.RabbitMqConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        builder.AddPostgresDbContext<CounterDbContext>("sagas");
        builder.AddMessaging<CounterDbContext>(
            bus => bus.AddConsumer<NumberedConsumer>().Endpoint(endpoint =>
            {
                endpoint.Name = NumberedConsumer.Queue;
                endpoint.ConcurrentMessageLimit = 1;
                endpoint.PrefetchCount = 1;
            }),
            options =>
            {
                options.DeliveryBatchSize = 7;
                options.DeliveryPollInterval = TimeSpan.FromMilliseconds(5);
            });
        return builder.Build();
    }
}
