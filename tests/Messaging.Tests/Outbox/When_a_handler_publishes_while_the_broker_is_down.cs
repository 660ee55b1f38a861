using System.Diagnostics;
using CustomerPlatform.Messaging.Tests.Counter;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CustomerPlatform.Messaging.Tests.Outbox;

/// <summary>
/// What an HTTP handler does (a request scope: change state, publish, SaveChanges), done while RabbitMQ
/// is stopped: the request succeeds, the event waits in the bus outbox, and is delivered once the
/// broker is back.
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class When_a_handler_publishes_while_the_broker_is_down(MessagingFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Should_commit_the_request_and_deliver_the_event_when_the_broker_returns()
    {
        var paymentId = Guid.NewGuid();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await fixture.Servers.StopServerAsync("messaging", timeout.Token);
        var clock = Stopwatch.StartNew();
        try
        {
            await using (var scope = fixture.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<CounterDbContext>();
                var publish = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
                db.Logs.Add(new CounterLog { Id = Guid.NewGuid(), CounterId = paymentId });
                await publish.Publish(new PaymentRecorded(paymentId), timeout.Token);
                await db.SaveChangesAsync(timeout.Token);
            }

            output.WriteLine($"the handler committed in {clock.ElapsedMilliseconds} ms with the broker down");
            Assert.Equal(1, await fixture.CountLogsAsync(paymentId));

            await Task.Delay(2000, timeout.Token); // the delivery service tries, and fails, meanwhile
            Assert.Equal(1, await CountBusOutboxRowsAsync());
            Assert.Empty(fixture.PaymentEvents.Seen(paymentId));
        }
        finally
        {
            await fixture.Servers.StartServerAsync("messaging", timeout.Token);
            await fixture.Servers.WaitUntilHealthyAsync("messaging", timeout.Token);
            output.WriteLine($"broker back after {clock.ElapsedMilliseconds} ms");
        }

        await When_a_consumer_runs_behind_the_outbox.WaitUntilAsync(() => fixture.PaymentEvents.Seen(paymentId).Count >= 1, TimeSpan.FromSeconds(120));
        output.WriteLine($"event delivered after {clock.ElapsedMilliseconds} ms");
        await Task.Delay(1000);
        Assert.Single(fixture.PaymentEvents.Seen(paymentId));
        Assert.Equal(0, await CountBusOutboxRowsAsync());
    }

    private async Task<int> CountBusOutboxRowsAsync()
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CounterDbContext>();
        return await db.Set<OutboxMessage>().CountAsync(o => o.InboxMessageId == null);
    }
}
