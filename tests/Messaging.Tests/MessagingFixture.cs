using CustomerPlatform.Messaging.Tests.Counter;
using CustomerPlatform.Messaging.Tests.Outbox;
using CustomerPlatform.ServiceDefaults;
using CustomerPlatform.TestSupport;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CustomerPlatform.Messaging.Tests;

/// <summary>
/// Real PostgreSQL and RabbitMQ (<see cref="TestServers"/>), and a host wired the way a service
/// is (ServiceDefaults' AddPostgresDbContext and Messaging's AddMessaging: outbox, inbox, retry), with the counter saga on the
/// Postgres repository and a real RabbitMQ receive endpoint.
/// </summary>
public sealed class MessagingFixture : IAsyncLifetime
{
    public const string SagaQueue = "counter-saga";

    /// <summary>
    /// Up to 16 messages handled at once from a prefetch of 32: enough that messages for one saga
    /// really do meet at its row lock and at its first insert.
    /// </summary>
    public const int ConcurrentMessageLimit = 16;
    public const int PrefetchCount = 32;

    private IHost _host = null!;

    /// <summary>Immediate retries before a message goes to its error queue: three, quickly.</summary>
    public static readonly TimeSpan[] RetryIntervals = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50)];

    public IBus Bus { get; private set; } = null!;
    public TestServers Servers { get; private set; } = null!;
    public IServiceProvider Services => _host.Services;
    public PaymentEventsObserver PaymentEvents { get; } = new();
    public string PostgresConnectionString { get; private set; } = "";
    public string RabbitMqConnectionString { get; private set; } = "";
    public InFlightObserver InFlight { get; } = new();
    public RabbitMqManagement Management { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Servers = await TestServers.StartAsync(TestServer.Postgres("sagas"), TestServer.RabbitMq("messaging"));
        var amqp = Servers.ConnectionString("messaging");
        RabbitMqConnectionString = amqp;
        PostgresConnectionString = Servers.ConnectionString("sagas");
        Management = new RabbitMqManagement(Servers.GetEndpoint("messaging", "management"), new Uri(amqp));

        var service = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "messaging-tests" });
        service.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:sagas"] = PostgresConnectionString,
            ["ConnectionStrings:messaging"] = amqp,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:CustomerPlatform"] = "Debug",
        });
        // The first test publishes at once: the saga's queue and bindings must exist before StartAsync returns.
        service.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        service.AddPostgresDbContext<CounterDbContext>("sagas");
        service.AddMessaging<CounterDbContext>(bus =>
        {
            bus.AddSagaStateMachine<CounterStateMachine, CounterState>().Endpoint(endpoint =>
            {
                endpoint.Name = SagaQueue;
                endpoint.ConcurrentMessageLimit = ConcurrentMessageLimit;
                endpoint.PrefetchCount = PrefetchCount;
            });
            bus.AddConsumer<RecordPaymentConsumer>().Endpoint(endpoint => endpoint.Name = RecordPaymentConsumer.Queue);
            bus.AddConsumer<PaymentEventsConsumer>().Endpoint(endpoint => endpoint.Name = PaymentEventsConsumer.Queue);
        }, options =>
        {
            options.RetryIntervals = RetryIntervals;
            options.InboxCleanupInterval = TimeSpan.FromSeconds(1);
        });

        _host = service.Build();
        Bus = _host.Services.GetRequiredService<IBus>();
        Bus.ConnectReceiveObserver(InFlight);
        Bus.ConnectConsumeMessageObserver<PaymentRecorded>(PaymentEvents);
        Bus.ConnectConsumeMessageObserver<ReceiptRequested>(PaymentEvents);
        await _host.StartAsync();
    }

    /// <summary>Polls the saga's row (as another reader would see it) until <paramref name="done"/> holds.</summary>
    public async Task<CounterState?> WaitForCounterAsync(Guid id, Func<CounterState?, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var state = await ReadCounterAsync(id);
            if (done(state))
                return state;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Counter {id} never got there; last seen: count {state?.Count}, version {state?.Version}, state {state?.CurrentState}.");
            await Task.Delay(25);
        }
    }

    public async Task<CounterState?> ReadCounterAsync(Guid id)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CounterDbContext>();
        return await db.Counters.AsNoTracking().SingleOrDefaultAsync(c => c.CorrelationId == id);
    }

    public async Task<(int Rows, int Logs, int DistinctMessages)> CountRowsAsync(Guid id)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CounterDbContext>();
        var rows = await db.Counters.CountAsync(c => c.CorrelationId == id);
        var logs = await db.Logs.Where(l => l.CounterId == id).ToListAsync();
        return (rows, logs.Count, logs.Select(l => l.MessageId).Distinct().Count());
    }

    /// <summary>The counter_log rows of one payment (or counter): one per applied state change.</summary>
    public async Task<int> CountLogsAsync(Guid id)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CounterDbContext>();
        return await db.Logs.CountAsync(l => l.CounterId == id);
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Management.Dispose();
        await Servers.DisposeAsync();
    }
}
