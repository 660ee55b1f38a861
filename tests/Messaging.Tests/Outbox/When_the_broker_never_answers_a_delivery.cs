using System.Collections.Concurrent;
using CustomerPlatform.Messaging.Tests.Counter;
using CustomerPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CustomerPlatform.Messaging.Tests.Outbox;

/// <summary>
/// A send that never comes back, as on a channel that died with the broker while MassTransit set up its
/// topology (a wait that takes no cancellation): the consumer's delivery of its outbox is given up after
/// DeliveryTimeout, so its receive endpoint goes on with the next message instead of waiting for ever, and
/// the delivery service, handed the message at once, sends it (its own first try hangs too, and is given
/// up the same way). The message arrives once.
/// <para>
/// A host of its own beside the fixture's, on the same servers: one message at a time on the consumer's
/// endpoint, a two-second bound, and an orphan age of ten minutes, so only the hand-over can deliver in time.
/// </para>
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class When_the_broker_never_answers_a_delivery(MessagingFixture fixture) : IAsyncLifetime
{
    private readonly HangingSends _hanging = new(hangs: 2, send => send.Headers.Get<string>(HangOnce) is not null);
    private readonly SlowlyDeliveredObserver _seen = new();
    private const string HangOnce = "Test-Hang";
    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        var service = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "messaging-tests-hanging" });
        service.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:sagas"] = fixture.PostgresConnectionString,
            ["ConnectionStrings:messaging"] = fixture.RabbitMqConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        service.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        service.AddPostgresDbContext<CounterDbContext>("sagas");
        service.AddMessaging<CounterDbContext>(bus =>
        {
            bus.AddConsumer<SlowDeliveryConsumer>().Endpoint(endpoint =>
            {
                endpoint.Name = SlowDeliveryConsumer.Queue;
                endpoint.ConcurrentMessageLimit = 1;
                endpoint.PrefetchCount = 1;
            });
            bus.AddConsumer<SlowlyDeliveredConsumer>().Endpoint(endpoint => endpoint.Name = SlowlyDeliveredConsumer.Queue);
        }, options =>
        {
            options.RetryIntervals = MessagingFixture.RetryIntervals;
            options.DeliveryTimeout = TimeSpan.FromSeconds(2);
            options.OrphanedOutboxAge = TimeSpan.FromMinutes(10);
        });

        _host = service.Build();
        var bus = _host.Services.GetRequiredService<IBus>();
        bus.ConnectSendObserver(_hanging);
        bus.ConnectConsumeMessageObserver(_seen);
        await _host.StartAsync();
    }

    [Fact]
    public async Task Should_go_on_with_the_next_message_and_deliver_the_hung_one_once()
    {
        var bus = _host.Services.GetRequiredService<IBus>();
        var hung = Guid.NewGuid();
        var next = Guid.NewGuid();

        await bus.Publish(new DeliverSlowly(hung, Hang: true));
        await When_a_consumer_runs_behind_the_outbox.WaitUntilAsync(() => _hanging.Hung >= 1);

        // One message at a time: the next one is consumed only once the hung delivery was given up.
        await bus.Publish(new DeliverSlowly(next, Hang: false));
        await WaitUntilAsync(() => _seen.Count(next) >= 1, "the next message's event never arrived: its endpoint is still waiting for the hung delivery");

        await WaitUntilAsync(() => _seen.Count(hung) >= 1, "the hung message's event never arrived: nobody delivered its outbox row");
        Assert.True(_hanging.Hung >= 2, "the delivery service's first send should have hung as well");
        await Task.Delay(1500);
        Assert.Equal(1, _seen.Count(hung));
        Assert.Equal(1, _seen.Count(next));

        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CounterDbContext>();
        var inboxes = await db.Set<InboxState>().AsNoTracking()
            .Where(i => i.Delivered == null && i.Consumed != null && i.Consumed > DateTime.UtcNow.AddMinutes(-5))
            .CountAsync();
        Assert.Equal(0, inboxes);
    }

    private static async Task WaitUntilAsync(Func<bool> done, string failure)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException(failure);
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        // The hung sends end now (their messages may go out late; the inbox recognises them).
        _hanging.Release();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(stop.Token);
        _host.Dispose();
    }

    /// <summary>Every copy of the event the broker hands the host, before the inbox.</summary>
    private sealed class SlowlyDeliveredObserver : IConsumeMessageObserver<SlowlyDelivered>
    {
        private readonly ConcurrentDictionary<Guid, int> _copies = new();

        public int Count(Guid id) => _copies.GetValueOrDefault(id);

        public Task PreConsume(ConsumeContext<SlowlyDelivered> context)
        {
            _copies.AddOrUpdate(context.Message.Id, 1, (_, count) => count + 1);
            return Task.CompletedTask;
        }

        public Task PostConsume(ConsumeContext<SlowlyDelivered> context) => Task.CompletedTask;
        public Task ConsumeFault(ConsumeContext<SlowlyDelivered> context, Exception exception) => Task.CompletedTask;
    }

    public sealed record DeliverSlowly(Guid Id, bool Hang);

    public sealed record SlowlyDelivered(Guid Id);

    public sealed class SlowDeliveryConsumer : IConsumer<DeliverSlowly>
    {
        public const string Queue = "slow-delivery";

        public Task Consume(ConsumeContext<DeliverSlowly> context) =>
            context.Publish(new SlowlyDelivered(context.Message.Id), send =>
            {
                if (context.Message.Hang)
                    send.Headers.Set(HangOnce, "yes");
            });
    }

    public sealed class SlowlyDeliveredConsumer : IConsumer<SlowlyDelivered>
    {
        public const string Queue = "slowly-delivered";

        public Task Consume(ConsumeContext<SlowlyDelivered> context) => Task.CompletedTask;
    }
}
