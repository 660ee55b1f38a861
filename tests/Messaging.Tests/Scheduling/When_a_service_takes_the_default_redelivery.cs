using CustomerPlatform.Messaging.Scheduling;
using CustomerPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CustomerPlatform.Messaging.Tests.Scheduling;

/// <summary>
/// A service wires messaging the way the six services do (<c>AddMessaging</c> with
/// <c>AddPostgresScheduler</c> and no intervals of its own): a message that fails every immediate retry
/// comes back through the durable scheduler after the default first interval, instead of going to its
/// error queue.
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class When_a_service_takes_the_default_redelivery(MessagingFixture fixture)
{
    private const string SchedulerQueue = "redelivery-test-scheduler";

    [Fact]
    public async Task Should_redeliver_a_failing_message_through_the_scheduler()
    {
        await (await SchedulingHost.StartAsync(fixture)).DisposeAsync();

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "redelivery-tests" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:sagas"] = fixture.PostgresConnectionString,
            ["ConnectionStrings:messaging"] = fixture.RabbitMqConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:MassTransit"] = "None",
        });
        builder.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        builder.AddPostgresDbContext<OutboxSchedulingDbContext>("sagas");
        builder.AddMessaging<OutboxSchedulingDbContext>(
            bus => bus.AddConsumer<FailsUntilRedeliveredConsumer>().Endpoint(endpoint => endpoint.Name = FailsUntilRedeliveredConsumer.Queue),
            options =>
            {
                options.RetryIntervals = [TimeSpan.FromMilliseconds(20)];
                options.AddPostgresScheduler<OutboxSchedulingDbContext>(SchedulerQueue, scheduler => scheduler.PollInterval = TimeSpan.FromMilliseconds(500));
            });

        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var id = Guid.NewGuid();
            await host.Services.GetRequiredService<IBus>().Publish(new WorkThatFailsFirst(id));

            var deadline = DateTime.UtcNow + PostgresSchedulerExtension<OutboxSchedulingDbContext>.DefaultRedeliveryIntervals[0] + TimeSpan.FromSeconds(20);
            while (!FailsUntilRedeliveredConsumer.Succeeded.ContainsKey(id) && DateTime.UtcNow < deadline)
                await Task.Delay(100);

            Assert.True(FailsUntilRedeliveredConsumer.Succeeded.TryGetValue(id, out var redeliveries), "The failing message was never redelivered.");
            Assert.Equal(1, redeliveries);
            Assert.Equal(3, FailsUntilRedeliveredConsumer.Attempts[id]); // the first try, one immediate retry, then the redelivery
            var errorQueue = $"{FailsUntilRedeliveredConsumer.Queue}_error";
            Assert.True(!await fixture.Management.QueueExistsAsync(errorQueue) || await fixture.Management.CountMessagesAsync(errorQueue) == 0);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
